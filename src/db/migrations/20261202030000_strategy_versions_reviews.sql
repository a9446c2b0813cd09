-- Strategy versions (issue 11, "repeat"): every saved state of a strategy, kept for good. Each save
-- (an edit, an import, an accepted review suggestion) appends the document it stored under the
-- strategy's new version number; rows are never changed or deleted (the strategy's own deletion
-- cascades, and so does the workspace's).
CREATE TABLE strategy_versions (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id  text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  document     jsonb NOT NULL,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  reason       text NOT NULL CHECK (reason IN ('edit', 'import', 'review')),
  -- The review whose accepted suggestion made this version (reason 'review').
  review_id    uuid,
  PRIMARY KEY (workspace_id, strategy_id, version),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE,
  CHECK ((reason = 'review') = (review_id IS NOT NULL))
);
CREATE TRIGGER strategy_versions_append_only BEFORE UPDATE OR DELETE ON strategy_versions
  FOR EACH ROW EXECUTE FUNCTION measure_append_only();

-- Strategies stored before versions existed: their current document is their current version.
INSERT INTO strategy_versions (workspace_id, strategy_id, version, document, created_by, created_at, reason)
SELECT workspace_id, id, version, document, updated_by, updated_at, 'edit' FROM strategies;
