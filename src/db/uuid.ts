const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `s` can be cast to Postgres uuid — check this before querying, or Postgres raises. */
export const isUuid = (s: string): boolean => UUID_RE.test(s);
