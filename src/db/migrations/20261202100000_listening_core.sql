-- Listening core (issue 12): saved queries, the sources mentions come from, the mentions themselves
-- (one normalized row each, whatever the network) and which queries each one matched.

-- A saved search. `topic` groups the queries compared for share of voice (the brand's query and its
-- competitors' under one topic); `role` says which side of that comparison a query is on.
CREATE TABLE listening_queries (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  query          text NOT NULL CHECK (length(query) BETWEEN 1 AND 4096),
  topic          text CHECK (length(topic) BETWEEN 1 AND 120),
  role           text NOT NULL DEFAULT 'topic' CHECK (role IN ('brand', 'competitor', 'topic')),
  -- The strategy whose KPIs (mentions, share of voice, net sentiment) count this query's hits.
  strategy_id    text,
  -- Hits of this query land in the inbox as items that need a response.
  needs_response boolean NOT NULL DEFAULT false,
  created_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  -- Archived queries stop matching; their hits stay for the history.
  archived_at    timestamptz,
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE SET NULL (strategy_id)
);
CREATE UNIQUE INDEX listening_queries_name ON listening_queries (workspace_id, lower(name)) WHERE archived_at IS NULL;

-- Where mentions come from: a Bluesky relay/PDS/Jetstream, a Mastodon instance's stream, an RSS or
-- Atom feed, or imports. `cursor` is where the adapter resumes after a restart.
CREATE TABLE listening_sources (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('bluesky', 'mastodon', 'rss', 'import')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- Non-secret settings: the stream or feed URL, the hashtag…
  config       jsonb NOT NULL DEFAULT '{}',
  enabled      boolean NOT NULL DEFAULT true,
  cursor       text,
  status       text NOT NULL DEFAULT 'idle' CHECK (status IN ('idle', 'running', 'error')),
  last_error   text,
  last_run_at  timestamptz,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listening_sources_workspace ON listening_sources (workspace_id, created_at);

-- One post or article seen by a source. Deduplicated by the network's own id, so a source that
-- resumes from an older cursor, or two sources seeing the same post, store it once.
CREATE TABLE mentions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id    uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  source_id       uuid REFERENCES listening_sources(id) ON DELETE SET NULL,
  network         text NOT NULL CHECK (network IN ('bluesky', 'mastodon', 'rss', 'import')),
  -- The network's id: an at:// URI, a status URL, a feed item's guid, an imported row's id.
  external_id     text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 2048),
  url             text CHECK (length(url) <= 2048),
  author          text CHECK (length(author) <= 320),
  author_name     text CHECK (length(author_name) <= 320),
  text            text NOT NULL CHECK (length(text) <= 100000),
  -- ISO 639-1; `lang_detected` when it was detected rather than given by the network.
  lang            text CHECK (lang ~ '^[a-z]{2,3}$'),
  lang_detected   boolean NOT NULL DEFAULT false,
  links           text[] NOT NULL DEFAULT '{}',
  media           integer NOT NULL DEFAULT 0 CHECK (media >= 0),
  -- The post this one replies to, when the network says (an at:// URI or status URL).
  reply_to        text,
  posted_at       timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  -- 'unscored' where the sentiment model does not cover the language: never a guess.
  sentiment       text NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral', 'unscored')),
  sentiment_score real,
  UNIQUE (workspace_id, network, external_id)
);
CREATE INDEX mentions_workspace_time ON mentions (workspace_id, posted_at DESC);

-- Which queries a mention matched, with what the dashboards group and count by copied in, so volume,
-- sentiment and share of voice over a period are one index range scan per query.
CREATE TABLE mention_matches (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  query_id     uuid NOT NULL REFERENCES listening_queries(id) ON DELETE CASCADE,
  mention_id   uuid NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
  posted_at    timestamptz NOT NULL,
  sentiment    text NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral', 'unscored')),
  PRIMARY KEY (query_id, mention_id)
);
CREATE INDEX mention_matches_query_time ON mention_matches (workspace_id, query_id, posted_at);
CREATE INDEX mention_matches_mention ON mention_matches (mention_id);
