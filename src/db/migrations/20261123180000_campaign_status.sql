-- Campaign status is operational state (is the campaign running?), kept beside the plan document and
-- never inside it: exports of the plan stay byte-identical whatever the status. Transitions and the
-- readiness gate for 'active' live in the application (src/plan/readiness.ts); every change is audited.
ALTER TABLE campaigns
  ADD COLUMN status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
  ADD COLUMN status_changed_at timestamptz;
