-- The unified inbox (issue 12): what people wrote to or about the workspace's accounts — mentions,
-- replies and quotes from the connected accounts' notifications, and listening hits that need a
-- response — grouped into conversations, answered from one place and measured against an SLA.

-- A thread on a network: every item whose thread starts at the same post.
CREATE TABLE inbox_conversations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  network          text NOT NULL CHECK (network IN ('bluesky', 'mastodon', 'sandbox', 'rss', 'import')),
  -- The network's id of the thread's first post (an at:// URI, a status id…).
  root_external_id text NOT NULL CHECK (length(root_external_id) BETWEEN 1 AND 2048),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, network, root_external_id)
);

CREATE TABLE inbox_items (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_id   uuid NOT NULL REFERENCES inbox_conversations(id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('mention', 'reply', 'quote', 'listening')),
  -- The connected account it came to (and that answers it); NULL for listening hits on no account.
  connection_id     uuid REFERENCES channel_connections(id) ON DELETE SET NULL,
  channel_id        text CHECK (length(channel_id) <= 200),
  network           text NOT NULL CHECK (network IN ('bluesky', 'mastodon', 'sandbox', 'rss', 'import')),
  -- What a reply needs: the post's id on the network (+ its CID on Bluesky) and its thread's root and parent.
  external_id       text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 2048),
  external_cid      text CHECK (length(external_cid) <= 200),
  url               text CHECK (length(url) <= 2048),
  root_external_id  text CHECK (length(root_external_id) <= 2048),
  root_cid          text CHECK (length(root_cid) <= 200),
  parent_external_id text CHECK (length(parent_external_id) <= 2048),
  author            text CHECK (length(author) <= 320),
  author_name       text CHECK (length(author_name) <= 320),
  text              text NOT NULL CHECK (length(text) <= 100000),
  posted_at         timestamptz NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now(),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'closed')),
  assignee_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  tags              text[] NOT NULL DEFAULT '{}',
  first_response_at timestamptz,
  -- When a first response is due by the SLA (business hours counted where set); recomputed when the SLA changes.
  due_at            timestamptz NOT NULL,
  closed_at         timestamptz,
  mention_id        uuid REFERENCES mentions(id) ON DELETE SET NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- Re-polling a network, or a notification and a listening hit for the same post, never make a second item.
  UNIQUE (workspace_id, network, external_id)
);
-- The list: newest first, keyset on (received_at, id), filtered by status.
CREATE INDEX inbox_items_list ON inbox_items (workspace_id, status, received_at DESC, id DESC);
CREATE INDEX inbox_items_received ON inbox_items (workspace_id, received_at DESC, id DESC);
CREATE INDEX inbox_items_conversation ON inbox_items (conversation_id, posted_at);
CREATE INDEX inbox_items_due ON inbox_items (workspace_id, due_at) WHERE status = 'open' AND first_response_at IS NULL;
CREATE INDEX inbox_items_tags ON inbox_items USING gin (tags);
CREATE UNIQUE INDEX inbox_items_mention ON inbox_items (mention_id) WHERE mention_id IS NOT NULL;

-- Internal notes: seen by the team, never sent.
CREATE TABLE inbox_notes (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  item_id      uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
  author_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_notes_item ON inbox_notes (item_id, created_at);

CREATE TABLE inbox_saved_replies (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX inbox_saved_replies_name ON inbox_saved_replies (workspace_id, lower(name));

-- A reply sent from the inbox: `sending` until the network answered, then `sent` (with the network's
-- id) or `failed` (with its error). The idempotency key makes a repeat harmless on the network.
CREATE TABLE inbox_replies (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id    uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  item_id         uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
  author_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  state           text NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'sent', 'failed')),
  idempotency_key text NOT NULL UNIQUE,
  remote_id       text,
  remote_url      text,
  error_code      text,
  error_message   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX inbox_replies_item ON inbox_replies (item_id, created_at);

-- Who has an item open (a heartbeat while the detail is shown), for the collision warning.
CREATE TABLE inbox_viewers (
  item_id      uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  -- When this viewing began (reset when the last heartbeat is older than the viewing window).
  opened_at    timestamptz NOT NULL DEFAULT now(),
  seen_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, user_id)
);

-- The SLA: first response within `first_response_minutes`, counted in business hours when set.
CREATE TABLE inbox_settings (
  workspace_id           uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  first_response_minutes integer NOT NULL DEFAULT 60 CHECK (first_response_minutes BETWEEN 1 AND 43200),
  -- { timezone, start: "09:00", end: "17:00", days: [1..7] (ISO weekdays) } or NULL: around the clock.
  business_hours         jsonb,
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- Where polling a connected account's notifications resumes.
CREATE TABLE inbox_cursors (
  connection_id  uuid PRIMARY KEY REFERENCES channel_connections(id) ON DELETE CASCADE,
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  cursor         text,
  last_polled_at timestamptz,
  last_error     text
);
