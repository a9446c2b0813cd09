import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLES, type Permission, type Role } from './policy.ts';

// The expected table, written out in full so a change to the policy is a visible change here.
const EXPECTED: Record<Role, string> = {
  //          read manage members write export audit content approve analytics analytics.write listen listen.write inbox respond
  owner: 'Y    Y      Y       Y     Y      Y     Y       Y       Y         Y               Y      Y            Y     Y',
  strategist: 'Y    -      -       Y     Y      Y     Y       Y       Y         Y               Y      Y            Y     Y',
  editor: 'Y    -      -       -     Y      -     Y       -       -         -               Y      -            Y     Y',
  analyst: 'Y    -      -       -     Y      Y     -       -       Y         Y               Y      Y            Y     -',
  approver: 'Y    -      -       -     Y      -     -       Y       -         -               Y      -            Y     -',
  viewer: 'Y    -      -       -     -      -     -       -       -         -               -      -            -     -',
};

describe('policy table', () => {
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  for (const role of ROLES) {
    it(`grants ${role} exactly its column`, () => {
      const marks = EXPECTED[role].split(/\s+/);
      expect(marks).toHaveLength(permissions.length);
      for (const [i, p] of permissions.entries()) expect([p, can(role, p)]).toEqual([p, marks[i] === 'Y']);
    });
  }

  it('only owners manage members', () => {
    expect(ROLES.filter((r) => can(r, 'members.manage'))).toEqual(['owner']);
  });

  it('lists permissions in table order', () => {
    expect(permissionsOf('viewer')).toEqual(['workspace.read']);
  });
});
