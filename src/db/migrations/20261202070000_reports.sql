-- Reports (issue 11): PDF or CSV reports of a strategy or a campaign over a period, made on demand
-- (not stored) or on a schedule (stored here for download, optionally POSTed to a webhook).

-- A standing order: every week (Monday to Sunday) or month, a report of the period just ended.
CREATE TABLE report_schedules (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  subject            text NOT NULL CHECK (subject IN ('strategy', 'campaign')),
  -- Exactly one of the two, as `subject` says; the report goes when its subject goes.
  strategy_id        text,
  campaign_id        text,
  format             text NOT NULL CHECK (format IN ('pdf', 'csv')),
  cadence            text NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
  webhook_url        text CHECK (length(webhook_url) <= 2048),
  -- The signing secret, sealed like connection credentials (src/secrets/envelope.ts).
  webhook_secret_enc text,
  created_by         uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject = 'strategy' AND strategy_id IS NOT NULL AND campaign_id IS NULL)
      OR (subject = 'campaign' AND campaign_id IS NOT NULL AND strategy_id IS NULL)),
  CHECK ((webhook_url IS NULL) = (webhook_secret_enc IS NULL)),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, campaign_id) REFERENCES campaigns (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX report_schedules_workspace ON report_schedules (workspace_id, created_at);

-- The files a schedule made: one per schedule and period (a second run of the job finds it and makes
-- none). Kept in the database, bounded in size, so a report, its row and its delivery state commit
-- together and a backup holds them.
CREATE TABLE reports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  schedule_id       uuid NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
  period_from       date NOT NULL,
  period_to         date NOT NULL CHECK (period_to >= period_from),
  file_name         text NOT NULL CHECK (length(file_name) <= 300),
  content_type      text NOT NULL,
  size_bytes        integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20000000),
  content           bytea NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- none: the schedule has no webhook; pending: to send (at next_delivery_at); delivered; failed: gave up.
  delivery_status   text NOT NULL CHECK (delivery_status IN ('none', 'pending', 'delivered', 'failed')),
  delivery_attempts integer NOT NULL DEFAULT 0,
  next_delivery_at  timestamptz,
  delivered_at      timestamptz,
  -- What went wrong, in Groundwork's words (never the receiver's body).
  delivery_error    text,
  UNIQUE (schedule_id, period_from)
);
CREATE INDEX reports_workspace ON reports (workspace_id, created_at DESC);
CREATE INDEX reports_pending_delivery ON reports (next_delivery_at) WHERE delivery_status = 'pending';

-- A webhook that keeps refusing a scheduled report is told to whoever set the schedule up.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'publish_failed', 'publish_missed', 'reconnect_needed',
  'review_requested', 'post_approved', 'post_rejected', 'post_commented',
  'report_delivery_failed'
));
