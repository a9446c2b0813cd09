-- Rate-limit counters skip the write-ahead log: every counted request (the public lint, sign-ins) was a
-- commit waiting for a WAL flush, on the same row for one client address. After a crash the table
-- starts empty — the windows are minutes long, and a crash resetting them is an acceptable loss.
ALTER TABLE rate_limits SET UNLOGGED;
