-- Tracked links (issue 11): the redirector and the wrapping of links at publish time
-- (src/measure/links/). The tables themselves are in 20261202000000_measure_core.sql.

-- Links in posts are wrapped by default; a workspace may opt out (they are then sent as written).
ALTER TABLE workspaces ADD COLUMN track_links boolean NOT NULL DEFAULT true;

-- A post's own tracking settings, `{ enabled?, utmCampaign?, utmContent? }` (null: the defaults).
ALTER TABLE posts ADD COLUMN tracking jsonb CHECK (tracking IS NULL OR jsonb_typeof(tracking) = 'object');

-- The links list sums each link's clicks and unique visitors from its events. Partial: most events
-- (network metrics) have no link and cost this index nothing.
CREATE INDEX metric_events_link ON metric_events (link_id, occurred_at) WHERE link_id IS NOT NULL;
-- A post's links (the post page).
CREATE INDEX tracked_links_post ON tracked_links (post_id) WHERE post_id IS NOT NULL;
