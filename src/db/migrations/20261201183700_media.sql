-- Media uploaded by a workspace (images and video for posts). The bytes live in the media storage
-- (DATA_DIR/media, or an S3-compatible bucket) under `storage_key`; a thumbnail (images only) under
-- `thumbnail_key`. A variant refers to an upload by id in its content: `media: [{ mediaId, alt }]`.
CREATE TABLE media (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  uploaded_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  kind           text NOT NULL CHECK (kind IN ('image', 'video')),
  -- Detected from the bytes, never from the file name or the declared type.
  mime_type      text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
  width          integer,
  height         integer,
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- The name the file had on the uploader's computer (shown only; never used to pick a type or a path).
  file_name      text NOT NULL,
  storage_key    text NOT NULL UNIQUE,
  thumbnail_key  text UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_workspace_idx ON media (workspace_id, created_at DESC);
