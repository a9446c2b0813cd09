-- Measurement core (issue 11): what was counted, kept append-only, and its hourly and daily sums kept
-- incrementally, so dashboards read a few hundred rollup rows instead of millions of events.

-- One row per counted fact, as an increment: a click is 1, a conversion is 1 (plus a `revenue` row
-- with its value), a network's new snapshot of a post is the difference from the previous one.
-- Dimensions are the plan's ids (text, as in posts) and the rows they came from.
CREATE TABLE metric_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  occurred_at  timestamptz NOT NULL,
  metric       text NOT NULL CHECK (metric ~ '^[a-z][a-z_]{0,39}$'),
  -- Finite only: NaN or ±Infinity would poison every sum it joins.
  value        double precision NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity'),
  strategy_id  text,
  campaign_id  text,
  channel_id   text,
  post_id      uuid,
  variant_id   uuid,
  link_id      uuid,
  source       text NOT NULL CHECK (source IN ('link', 'network', 'conversion', 'import', 'demo')),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX metric_events_workspace_time ON metric_events (workspace_id, occurred_at);

CREATE FUNCTION measure_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A workspace's deletion cascades here from its foreign key's trigger (depth > 1): the one way out.
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER metric_events_append_only BEFORE UPDATE OR DELETE ON metric_events
  FOR EACH ROW EXECUTE FUNCTION measure_append_only();

-- Sums per hour and per day (UTC) of each metric per strategy, campaign and channel; '' is "none"
-- (a primary key column cannot be null).
CREATE TABLE metric_rollups (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  grain        text NOT NULL CHECK (grain IN ('hour', 'day')),
  metric       text NOT NULL,
  strategy_id  text NOT NULL DEFAULT '',
  campaign_id  text NOT NULL DEFAULT '',
  channel_id   text NOT NULL DEFAULT '',
  bucket       timestamptz NOT NULL,
  value        double precision NOT NULL,
  events       bigint NOT NULL,
  PRIMARY KEY (workspace_id, grain, metric, strategy_id, campaign_id, channel_id, bucket)
);

-- Once per INSERT statement, over the rows it added: a batch of 10,000 events costs one grouped
-- upsert. Sorted, so two concurrent batches take the rollup rows' locks in the same order.
CREATE FUNCTION metric_events_roll_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollups AS r (workspace_id, grain, metric, strategy_id, campaign_id, channel_id, bucket, value, events)
  SELECT e.workspace_id, g.grain, e.metric, coalesce(e.strategy_id, ''), coalesce(e.campaign_id, ''),
         coalesce(e.channel_id, ''), date_trunc(g.grain, e.occurred_at, 'UTC'), sum(e.value), count(*)
    FROM new_events e CROSS JOIN (VALUES ('hour'), ('day')) AS g (grain)
   GROUP BY 1, 2, 3, 4, 5, 6, 7
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (workspace_id, grain, metric, strategy_id, campaign_id, channel_id, bucket)
  DO UPDATE SET value = r.value + excluded.value, events = r.events + excluded.events;
  RETURN NULL;
END $$;
CREATE TRIGGER metric_events_roll_up AFTER INSERT ON metric_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION metric_events_roll_up();

-- Followers are a level, not a count of events: one reading per channel and day (the last one taken
-- that day wins). Keyed by the plan's channel, so history survives reconnecting the account.
CREATE TABLE follower_snapshots (
  workspace_id  uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id   text NOT NULL,
  channel_id    text NOT NULL,
  day           date NOT NULL,
  followers     integer NOT NULL CHECK (followers >= 0),
  connection_id uuid REFERENCES channel_connections(id) ON DELETE SET NULL,
  taken_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, strategy_id, channel_id, day),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE
);

-- What a network reported about one published variant at one moment: cumulative counts. The
-- collector appends the difference from the previous snapshot to metric_events.
CREATE TABLE post_metric_snapshots (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  variant_id   uuid NOT NULL REFERENCES post_variants(id) ON DELETE CASCADE,
  taken_at     timestamptz NOT NULL DEFAULT now(),
  likes        integer NOT NULL CHECK (likes >= 0),
  reposts      integer NOT NULL CHECK (reposts >= 0),
  replies      integer NOT NULL CHECK (replies >= 0),
  quotes       integer NOT NULL CHECK (quotes >= 0),
  -- Null where the network does not report them (Bluesky, Mastodon).
  impressions  integer CHECK (impressions >= 0),
  UNIQUE (variant_id, taken_at)
);
CREATE TRIGGER post_metric_snapshots_append_only BEFORE UPDATE OR DELETE ON post_metric_snapshots
  FOR EACH ROW EXECUTE FUNCTION measure_append_only();

-- Values of KPIs measured by people (`source.metric: manual`) or imported from CSV: one per day.
CREATE TABLE kpi_values (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id  text NOT NULL,
  kpi_id       text NOT NULL,
  day          date NOT NULL,
  value        double precision NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity'),
  source       text NOT NULL CHECK (source IN ('manual', 'import', 'demo')),
  entered_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  entered_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, strategy_id, kpi_id, day),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE
);

-- Short links served by the redirector at /l/<code>. One per (variant, target) when made at publish,
-- so a retried publish reuses its links. `target_url` already carries the UTM parameters.
CREATE TABLE tracked_links (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{4,32}$'),
  target_url   text NOT NULL CHECK (length(target_url) <= 4096),
  strategy_id  text,
  campaign_id  text,
  channel_id   text,
  post_id      uuid REFERENCES posts(id) ON DELETE SET NULL,
  variant_id   uuid REFERENCES post_variants(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (variant_id, target_url)
);
CREATE INDEX tracked_links_workspace ON tracked_links (workspace_id, created_at);

-- Unique visitors without keeping who they are: the visitor is a hash of (IP, user agent) salted
-- with a random salt of that day, so the same visitor is recognised within a day only. A day's salt
-- is deleted once the day is over; after that not even Groundwork can link a hash to an address.
CREATE TABLE visitor_salts (
  day  date PRIMARY KEY,
  salt bytea NOT NULL
);
CREATE TABLE link_visitors (
  link_id  uuid NOT NULL REFERENCES tracked_links(id) ON DELETE CASCADE,
  day      date NOT NULL,
  visitor  bytea NOT NULL,
  PRIMARY KEY (link_id, day, visitor)
);
-- Where clicks came from, as a domain only (never the full referring URL), counted per day.
CREATE TABLE link_referrers (
  link_id uuid NOT NULL REFERENCES tracked_links(id) ON DELETE CASCADE,
  day     date NOT NULL,
  domain  text NOT NULL CHECK (length(domain) <= 253),
  clicks  integer NOT NULL,
  PRIMARY KEY (link_id, day, domain)
);

-- Conversions reported by the API or imported: idempotent by the sender's external id (a retry never
-- counts twice). Attributed to a campaign directly or through the tracked link it came from.
CREATE TABLE conversions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  external_id  text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  strategy_id  text,
  campaign_id  text,
  link_id      uuid REFERENCES tracked_links(id) ON DELETE SET NULL,
  value        numeric(14, 2) NOT NULL CHECK (value >= 0),
  currency     text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  occurred_at  timestamptz NOT NULL,
  source       text NOT NULL CHECK (source IN ('api', 'import', 'demo')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, external_id)
);
CREATE INDEX conversions_campaign ON conversions (workspace_id, campaign_id, occurred_at);

-- What a campaign actually cost. With none, its ROI uses the planned budget (and says so).
CREATE TABLE campaign_costs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  campaign_id  text NOT NULL,
  amount       numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency     text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  category     text NOT NULL CHECK (category IN ('ads', 'production', 'influencers', 'tools', 'other')),
  spent_on     date NOT NULL,
  note         text CHECK (length(note) <= 500),
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (workspace_id, campaign_id) REFERENCES campaigns (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX campaign_costs_campaign ON campaign_costs (workspace_id, campaign_id, spent_on);
