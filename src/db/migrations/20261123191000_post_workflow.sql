-- Post workflow: queue posting times, who last changed a post's content (approval), list indexes.

-- "Add to queue" puts posts at these local times (workspace time zone, or the channel's override),
-- spread over the week by the strategy's cadence (src/publishing/queue-slots.ts).
ALTER TABLE workspaces
  ADD COLUMN posting_times text[] NOT NULL DEFAULT '{09:00,13:00,17:00}'
    CHECK (cardinality(posting_times) BETWEEN 1 AND 24
           AND array_to_string(posting_times, ',') ~ '^([01][0-9]|2[0-3]):[0-5][0-9](,([01][0-9]|2[0-3]):[0-5][0-9])*$');

-- Nobody approves their own words: the creator and the last person to change the content are the
-- post's authors for the approval rule (src/publishing/transition-post.ts).
ALTER TABLE posts ADD COLUMN content_updated_by uuid REFERENCES users(id) ON DELETE SET NULL;

-- Calendar and list filters, duplicate and cadence checks: posts by strategy and time, variants by channel.
CREATE INDEX posts_strategy_idx ON posts (workspace_id, strategy_id, scheduled_at) WHERE deleted_at IS NULL;
CREATE INDEX post_variants_channel_idx ON post_variants (workspace_id, channel_id, due_at);
