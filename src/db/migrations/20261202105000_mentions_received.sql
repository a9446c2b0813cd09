-- The query editor's preview scans a workspace's most recently stored mentions (not the most recently
-- posted: an import of old posts, or a demo dated ahead, must not hide what just arrived).
CREATE INDEX mentions_workspace_received ON mentions (workspace_id, received_at DESC, id DESC);
