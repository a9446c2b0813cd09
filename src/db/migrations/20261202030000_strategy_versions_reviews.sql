-- The review cycle (issue 11, "repeat"): periodic reviews of a strategy with suggestions, and the
-- strategy's versions, which accepted suggestions (like every other save) add to.

-- A review of a strategy as of a day: what it found (KPIs against targets, best and worst posts per
-- pillar, campaigns' ROI, lint findings) as generated, kept as it was. A scheduled review has its
-- review date, unique per strategy, so the daily job may run any number of times; one run by hand
-- ("run review now") has none.
CREATE TABLE reviews (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id      text NOT NULL,
  review_date      date,
  period_start     date NOT NULL,
  period_end       date NOT NULL CHECK (period_end >= period_start),
  as_of            date NOT NULL,
  strategy_version integer NOT NULL,
  content          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  closed_at        timestamptz,
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE,
  UNIQUE (workspace_id, strategy_id, review_date)
);
CREATE INDEX reviews_strategy ON reviews (workspace_id, strategy_id, as_of DESC, created_at DESC);

-- What a review proposes, one change to the strategy document each (`change`, checked against the
-- document when accepted), why (`rationale`), and the reviewers' decision.
CREATE TABLE review_suggestions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id       uuid NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  position        integer NOT NULL,
  rule            text NOT NULL,
  change          jsonb NOT NULL,
  rationale       text NOT NULL,
  decision        text CHECK (decision IN ('accepted', 'rejected')),
  decided_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_at      timestamptz,
  note            text CHECK (length(note) <= 2000),
  -- The strategy version an accepted suggestion made.
  applied_version integer,
  UNIQUE (review_id, position),
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);

-- Strategy versions: every saved state of a strategy, kept for good. Each save (an edit, an import,
-- an accepted review suggestion) appends the document it stored under the strategy's new version
-- number; rows are never changed or deleted (the strategy's own deletion cascades, and so does the
-- workspace's).
CREATE TABLE strategy_versions (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  strategy_id  text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  document     jsonb NOT NULL,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  reason       text NOT NULL CHECK (reason IN ('edit', 'import', 'review')),
  -- The review whose accepted suggestion made this version (reason 'review').
  review_id    uuid REFERENCES reviews(id),
  PRIMARY KEY (workspace_id, strategy_id, version),
  FOREIGN KEY (workspace_id, strategy_id) REFERENCES strategies (workspace_id, id) ON DELETE CASCADE,
  CHECK ((reason = 'review') = (review_id IS NOT NULL))
);
CREATE TRIGGER strategy_versions_append_only BEFORE UPDATE OR DELETE ON strategy_versions
  FOR EACH ROW EXECUTE FUNCTION measure_append_only();

-- Strategies stored before versions existed: their current document is their current version.
INSERT INTO strategy_versions (workspace_id, strategy_id, version, document, created_by, created_at, reason)
SELECT workspace_id, id, version, document, updated_by, updated_at, 'edit' FROM strategies;
