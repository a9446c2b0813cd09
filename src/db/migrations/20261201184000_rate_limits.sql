-- Rate-limit counters (sign-in, sign-up, API-token creation), shared by every web process: an
-- attacker spreading guesses across processes behind a load balancer meets one count. A row is a
-- fixed window: `hits` since the window opened, reset once `resets_at` has passed. Expired rows are
-- deleted from time to time by the server; they are harmless until then.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_resets_at ON rate_limits (resets_at);
