-- Who may use the grid (docs/api.md, Sign-in and roles). Passwords are kept as ASP.NET Core Identity hashes
-- (PBKDF2 with a salt per user); a user made for scripts only has none.
CREATE TABLE IF NOT EXISTS users (
  name              TEXT NOT NULL PRIMARY KEY,
  role              TEXT NOT NULL,
  password_hash     TEXT NULL,
  failed_sign_ins   INTEGER NOT NULL DEFAULT 0,
  locked_until      TEXT NULL,
  created_at        TEXT NOT NULL
);

-- Bearer tokens for scripts: only their SHA-256 is stored, so the table gives none away. A token's role is at
-- most its user's; it stops working when it expires or is revoked.
CREATE TABLE IF NOT EXISTS api_tokens (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  user_name         TEXT NOT NULL,
  role              TEXT NOT NULL,
  token_hash        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  expires_at        TEXT NOT NULL,
  revoked_at        TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_api_tokens_hash ON api_tokens (token_hash);
