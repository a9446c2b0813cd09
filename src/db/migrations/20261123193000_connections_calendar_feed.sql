-- Connected accounts (status message) and the workspace's calendar feed.

-- Why a connection needs attention ("reconnect needed: the app password was revoked"), in the
-- network's words, from the last verification; NULL when the last check passed.
ALTER TABLE channel_connections
  ADD COLUMN status_message text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The ICS feed's secret URL (/api/calendar/<token>.ics). Like sessions and API tokens, the token is
-- shown once and stored only as its sha256 hash: a database dump does not open anyone's calendar.
-- NULL until an owner creates the feed (tokens are made lazily); a new token replaces the old one.
ALTER TABLE workspaces
  ADD COLUMN ics_token_hash text UNIQUE,
  ADD COLUMN ics_token_created_at timestamptz;
