-- Publishing: posts with per-channel variants, approvals, connected accounts, and the sandbox network.

-- Scheduling happens in the workspace's IANA time zone (stored UTC); approval is required by default.
ALTER TABLE workspaces
  ADD COLUMN timezone text NOT NULL DEFAULT 'UTC',
  ADD COLUMN require_approval boolean NOT NULL DEFAULT true;

-- An account on a network, connected to one channel of a strategy.
CREATE TABLE channel_connections (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id   text NOT NULL,
  channel_id    text NOT NULL,
  connector     text NOT NULL CHECK (connector IN ('sandbox', 'bluesky', 'mastodon', 'webhook')),
  -- Non-secret settings (service URL, handle) and secrets (tokens, app passwords) kept apart.
  config        jsonb NOT NULL DEFAULT '{}',
  credentials   jsonb NOT NULL DEFAULT '{}',
  -- Per-channel override of the workspace time zone.
  timezone      text,
  status        text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'reconnect_needed')),
  verified_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, strategy_id, channel_id),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE posts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id   text NOT NULL,
  campaign_id   text,
  pillar_id     text,
  state         text NOT NULL DEFAULT 'draft'
                CHECK (state IN ('idea', 'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'cancelled')),
  -- When the post is due (UTC) and the zone it was planned in (to show it as the author meant it).
  scheduled_at  timestamptz,
  timezone      text NOT NULL DEFAULT 'UTC',
  version       integer NOT NULL DEFAULT 1,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz,
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (workspace_id, campaign_id) REFERENCES campaigns (workspace_id, id) ON DELETE RESTRICT
);
CREATE INDEX posts_workspace_idx ON posts (workspace_id, scheduled_at);

-- One variant per channel: what is sent there, and where its own publication stands.
-- Invariant 2: only the worker that moved a variant scheduled → publishing (one conditional UPDATE)
-- sends it, with `idempotency_key`; `schedule_token` changes on every reschedule, so a job queued for
-- an old time finds a token that is no longer current and sends nothing.
CREATE TABLE post_variants (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id          uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  workspace_id     uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id       text NOT NULL,
  -- { text, media: [{ url | blobRef, alt }], link, thread: [text…], firstComment }
  content          jsonb NOT NULL,
  state            text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'scheduled', 'publishing', 'published', 'failed', 'cancelled', 'missed')),
  due_at           timestamptz,
  schedule_token   uuid,
  idempotency_key  text NOT NULL DEFAULT gen_random_uuid()::text,
  attempts         integer NOT NULL DEFAULT 0,
  claimed_at       timestamptz,
  remote_id        text,
  remote_url       text,
  published_at     timestamptz,
  last_error       text,
  UNIQUE (post_id, channel_id)
);
CREATE INDEX post_variants_due_idx ON post_variants (state, due_at);

-- Review thread and every decision on a post.
CREATE TABLE post_comments (
  id          bigserial PRIMARY KEY,
  post_id     uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  author_id   uuid REFERENCES users(id) ON DELETE SET NULL,
  kind        text NOT NULL CHECK (kind IN ('comment', 'approval', 'rejection')),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The sandbox network: what it "received". A unique idempotency key is what makes a repeat send
-- conflict instead of duplicating — the same contract the real networks offer.
CREATE TABLE sandbox_receipts (
  id               bigserial PRIMARY KEY,
  connection_id    uuid REFERENCES channel_connections(id) ON DELETE SET NULL,
  idempotency_key  text NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now()
);
