-- Bluesky authors by handle (issue 12 follow-up). The firehose carries only the author's DID; the
-- handle comes from the DID document (its `alsoKnownAs`), cached here for every workspace — a DID
-- document is public — and refreshed after a day. A row without a handle is a lookup that failed:
-- the mentions keep the DID as their author until a later batch resolves it.
CREATE TABLE bluesky_handles (
  did          text PRIMARY KEY CHECK (length(did) <= 2048),
  handle       text CHECK (length(handle) <= 253),
  -- The last successful lookup (null: never succeeded).
  resolved_at  timestamptz,
  -- The last lookup tried; failures back off from it.
  attempted_at timestamptz NOT NULL DEFAULT now(),
  failures     integer NOT NULL DEFAULT 0
);
-- Lookups to retry, oldest first.
CREATE INDEX bluesky_handles_unresolved ON bluesky_handles (attempted_at) WHERE handle IS NULL;

-- The author's stable id where the network has one besides the handle (a Bluesky DID): `author:`
-- matches either, and a handle resolved later finds the mentions still stored under the DID.
ALTER TABLE mentions ADD COLUMN author_id text CHECK (length(author_id) <= 2048);
CREATE INDEX mentions_author_id ON mentions (author_id) WHERE author_id IS NOT NULL;
