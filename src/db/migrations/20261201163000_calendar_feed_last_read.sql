-- When a calendar app last read the ICS feed: the calendar screen shows it, so an owner can tell a
-- feed in use from a forgotten one before resetting its URL (which stops every subscription).
ALTER TABLE workspaces ADD COLUMN ics_token_last_read_at timestamptz;
