-- API tokens are scoped: to one workspace, and to reading or also writing there. Tokens made before
-- this have no workspace and keep acting as their user everywhere until revoked (the tokens list marks them).
ALTER TABLE api_tokens
  ADD COLUMN workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
  ADD COLUMN access text NOT NULL DEFAULT 'write' CHECK (access IN ('read', 'write'));
