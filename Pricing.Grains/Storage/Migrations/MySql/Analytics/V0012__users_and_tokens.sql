-- Who may use the grid (docs/api.md, Sign-in and roles). Passwords are kept as ASP.NET Core Identity hashes
-- (PBKDF2 with a salt per user); a user made for scripts only has none.
CREATE TABLE IF NOT EXISTS users (
  name              VARCHAR(100) NOT NULL PRIMARY KEY,
  role              VARCHAR(20) NOT NULL,
  password_hash     VARCHAR(400) NULL,
  failed_sign_ins   INT NOT NULL DEFAULT 0,
  locked_until      DATETIME(6) NULL,
  created_at        DATETIME(6) NOT NULL
);

-- Bearer tokens for scripts: only their SHA-256 is stored, so the table gives none away. A token's role is at
-- most its user's; it stops working when it expires or is revoked.
CREATE TABLE IF NOT EXISTS api_tokens (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_name         VARCHAR(100) NOT NULL,
  role              VARCHAR(20) NOT NULL,
  token_hash        CHAR(64) NOT NULL,
  created_at        DATETIME(6) NOT NULL,
  expires_at        DATETIME(6) NOT NULL,
  revoked_at        DATETIME(6) NULL
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
