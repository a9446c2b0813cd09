-- Scheduler: transient retries, crash reconciliation, owner notifications, sandbox bookkeeping.

-- A variant waiting for a retry after a transient error stays `scheduled`, with the time of its next
-- attempt here (its `due_at` stays the time the author chose, so lateness is measured from it).
-- `transient_failures` counts the failed attempts of the current schedule, to give up after a limit;
-- `attempts` counts claims and fences every write of the worker that holds the claim.
ALTER TABLE post_variants
  ADD COLUMN retry_at timestamptz,
  ADD COLUMN transient_failures integer NOT NULL DEFAULT 0;

-- A new schedule (a new token) starts fresh: no pending retry, no failures counted against it.
CREATE FUNCTION post_variants_reset_retry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.schedule_token IS DISTINCT FROM OLD.schedule_token THEN
    NEW.retry_at := NULL;
    NEW.transient_failures := 0;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER post_variants_reset_retry BEFORE UPDATE OF schedule_token ON post_variants
  FOR EACH ROW EXECUTE FUNCTION post_variants_reset_retry();

-- The sweeper looks for claims whose worker died (outcome unknown) by age.
CREATE INDEX post_variants_publishing_idx ON post_variants (claimed_at) WHERE state = 'publishing';

-- What a user must act on (a post failed or was missed). The owner is the post's author.
CREATE TABLE notifications (
  id           bigserial PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  -- NULL: for the workspace's owners (the post had no known author).
  user_id      uuid REFERENCES users(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('publish_failed', 'publish_missed', 'reconnect_needed')),
  entity_type  text NOT NULL,
  entity_id    text NOT NULL,
  message      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
CREATE INDEX notifications_workspace_idx ON notifications (workspace_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- The sandbox counts repeat sends of a key (absorbed by the idempotency key, never a second post)
-- and remembers deletions.
ALTER TABLE sandbox_receipts
  ADD COLUMN repeats integer NOT NULL DEFAULT 0,
  ADD COLUMN deleted_at timestamptz;
