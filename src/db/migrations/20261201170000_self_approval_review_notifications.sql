-- Four-eyes approval: where approval is required, a post's author may not approve it — unless the
-- workspace allows self-approval (a one-person team). Off by default.
ALTER TABLE workspaces ADD COLUMN allow_self_approval boolean NOT NULL DEFAULT false;

-- Review notifications: approvers hear that a post awaits review, authors that it was approved,
-- rejected or commented on.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'publish_failed', 'publish_missed', 'reconnect_needed',
  'review_requested', 'post_approved', 'post_rejected', 'post_commented'
));
