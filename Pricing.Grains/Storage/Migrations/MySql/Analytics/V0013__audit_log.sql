-- Who did what, and when (docs/api.md, Audit log): runs, recomputes, retraining, threshold changes, users and
-- tokens. Rows are only ever added; the id orders them and pages through them.
CREATE TABLE IF NOT EXISTS audit_log (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at                DATETIME(6) NOT NULL,
  user_name         VARCHAR(100) NOT NULL,
  action            VARCHAR(40) NOT NULL,
  subject           VARCHAR(400) NOT NULL
);
