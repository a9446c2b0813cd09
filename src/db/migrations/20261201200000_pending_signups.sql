-- Sign-ups waiting for their address to be confirmed (only when mail is configured: SMTP_URL). The
-- link's secret is mailed; only its sha256 is stored. One open request per address: a newer one
-- replaces it. A used row stays, without the password hash, so a second click on the link can say
-- it was used; rows are deleted a week after they expire.
CREATE TABLE pending_signups (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (length(email) <= 320),
  name          text NOT NULL,
  password_hash text,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  confirmed_at  timestamptz,
  CHECK ((confirmed_at IS NULL) = (password_hash IS NOT NULL))
);
CREATE UNIQUE INDEX pending_signups_open_email ON pending_signups (lower(email)) WHERE confirmed_at IS NULL;
CREATE INDEX pending_signups_expires_at ON pending_signups (expires_at);
