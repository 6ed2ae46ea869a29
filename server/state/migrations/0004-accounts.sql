-- Accounts (issue 15): users with scrypt password hashes (core/accounts/password-hash.ts), their
-- sessions and API tokens. Sessions and tokens are kept only as the SHA-256 (hex) of the secret the
-- caller presents; nothing here signs anyone in when the file is copied. A user is disabled, never
-- deleted, so the audit trail's principals keep a name.
CREATE TABLE users (
  name          VARCHAR PRIMARY KEY,
  role          VARCHAR NOT NULL,
  password_hash VARCHAR NOT NULL,
  disabled      BOOLEAN NOT NULL,
  created_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
  id_hash      VARCHAR PRIMARY KEY,
  user_name    VARCHAR NOT NULL,
  created_at   TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
  id         VARCHAR PRIMARY KEY,
  token_hash VARCHAR NOT NULL UNIQUE,
  role       VARCHAR NOT NULL,
  label      VARCHAR,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP,
  revoked_at TIMESTAMP
);
