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
