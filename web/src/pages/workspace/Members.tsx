import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ROLES, type Role } from '../../../../src/workspace/policy.ts';
import { api } from '../../api/client.ts';
import { keys, useCan, useMe, useMembers } from '../../api/hooks.ts';
import { Badge, Button, Card, ErrorBanner, Loading, Select, TextInput, usePageTitle } from '../../components/ui.tsx';

const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including members and overrides',
  strategist: 'writes the strategy and campaigns',
  editor: 'writes posts',
  analyst: 'reads metrics, reports and the audit log',
  approver: 'approves posts',
  viewer: 'reads the plan',
};

export function Members() {
  const { ws = '' } = useParams();
  usePageTitle('Members');
  const members = useMembers(ws);
  const me = useMe();
  const canManage = useCan(ws, 'members.manage');
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('strategist');
  const [error, setError] = useState<unknown>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: keys.members(ws) });
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api('POST', `/workspaces/${encodeURIComponent(ws)}/members`, { email, role });
      setEmail('');
    });
  };

  return (
    <div className="page">
      <h1>Members</h1>
      <ErrorBanner error={error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <Card>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  {canManage && <th scope="col"><span className="visually-hidden">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {members.data?.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      {m.name} {m.userId === me.data?.user?.id && <Badge>you</Badge>}
                    </td>
                    <td className="break">{m.email}</td>
                    <td>
                      {canManage ? (
                        <select
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          onChange={(e) => void act(() => api('PATCH', `/workspaces/${encodeURIComponent(ws)}/members/${m.userId}`, { role: e.target.value }))}
                        >
                          {ROLES.map((r) => (
                            <option key={r}>{r}</option>
                          ))}
                        </select>
                      ) : (
                        m.role
                      )}
                    </td>
                    {canManage && (
                      <td>
                        <Button variant="ghost" onClick={() => void act(() => api('DELETE', `/workspaces/${encodeURIComponent(ws)}/members/${m.userId}`))}>
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {canManage && (
        <Card title="Invite a member">
          <p className="muted">They need an account first; then add them by email.</p>
          <form onSubmit={invite} className="inline-form">
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_HELP[role]}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
            <Button type="submit" variant="primary">
              Add member
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
