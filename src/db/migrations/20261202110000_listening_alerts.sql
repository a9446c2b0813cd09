-- Listening analysis (issue 12): spike alert settings per workspace and the alerts raised, one per
-- query and hour, so the hourly job can run again (a retry, two workers) without alerting twice.

-- A workspace's thresholds and where alerts are also POSTed. The webhook's signing secret is made by
-- Groundwork, shown once, and stored sealed bound to the row's id (src/secrets/sealed-columns.ts).
CREATE TABLE listening_alert_settings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL UNIQUE REFERENCES workspaces(id) ON DELETE CASCADE,
  -- Baseline = mean + k·σ of the same hour over the previous 7 days.
  k                  real NOT NULL DEFAULT 3 CHECK (k >= 0.5 AND k <= 10),
  -- Fewer mentions than this in an hour never alert, whatever the baseline.
  min_count          integer NOT NULL DEFAULT 10 CHECK (min_count BETWEEN 1 AND 1000000),
  webhook_url        text CHECK (length(webhook_url) <= 2048),
  webhook_secret_enc text,
  updated_by         uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((webhook_url IS NULL) = (webhook_secret_enc IS NULL))
);

CREATE TABLE listening_alerts (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  query_id       uuid NOT NULL REFERENCES listening_queries(id) ON DELETE CASCADE,
  -- The start of the UTC hour whose volume spiked.
  hour           timestamptz NOT NULL,
  mentions       integer NOT NULL,
  mean           real NOT NULL,
  stddev         real NOT NULL,
  threshold      real NOT NULL,
  k              real NOT NULL,
  -- none: no webhook was set; pending: to be POSTed; delivered / failed (with the reason).
  webhook_status text NOT NULL DEFAULT 'none' CHECK (webhook_status IN ('none', 'pending', 'delivered', 'failed')),
  webhook_error  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (query_id, hour)
);
CREATE INDEX listening_alerts_workspace ON listening_alerts (workspace_id, hour DESC);

-- Spikes are told in-app to those who manage listening.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'publish_failed', 'publish_missed', 'reconnect_needed',
  'review_requested', 'post_approved', 'post_rejected', 'post_commented',
  'report_delivery_failed', 'listening_spike'
));
