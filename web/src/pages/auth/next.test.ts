import { describe, expect, it } from 'vitest';
import { safeNext, signInPath } from './next.ts';

const origin = 'http://app.example';

describe('safeNext', () => {
  it('follows a path on this origin, with its query and hash', () => {
    expect(safeNext('/w/demo/calendar?view=list#x', origin)).toBe('/w/demo/calendar?view=list#x');
  });
  it.each([
    null,
    '',
    'w/demo',
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/signin?next=/x',
    '/signup',
  ])('falls back to the home page for %j', (next) => {
    expect(safeNext(next, origin)).toBe('/');
  });
  it('normalises dot segments without leaving the origin', () => {
    expect(safeNext('/w/../../x', origin)).toBe('/x');
  });
});

describe('signInPath', () => {
  it('carries the page being left', () => {
    expect(signInPath({ pathname: '/w/demo/posts', search: '?state=draft', hash: '' })).toBe(
      '/signin?next=%2Fw%2Fdemo%2Fposts%3Fstate%3Ddraft',
    );
  });
  it('carries nothing from the home page', () => {
    expect(signInPath({ pathname: '/', search: '', hash: '' })).toBe('/signin');
  });
});
