-- Credentials are stored encrypted (AES-256-GCM envelope, see src/secrets/envelope.ts) in
-- credentials_enc. SQL cannot encrypt — the key is not in the database, on purpose — so existing
-- plaintext rows keep their JSON under legacy_plaintext_credentials until the start-up pass right after
-- the migrations (sealPlaintextCredentials in src/connections/credentials.ts) encrypts each and
-- empties the column. Exactly one of the two is set: a new row can only be written encrypted.
ALTER TABLE channel_connections RENAME COLUMN credentials TO legacy_plaintext_credentials;
ALTER TABLE channel_connections
  ALTER COLUMN legacy_plaintext_credentials DROP NOT NULL,
  ALTER COLUMN legacy_plaintext_credentials DROP DEFAULT,
  ADD COLUMN credentials_enc text,
  ADD CONSTRAINT channel_connections_credentials_once
    CHECK ((credentials_enc IS NULL) <> (legacy_plaintext_credentials IS NULL));
