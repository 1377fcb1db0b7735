-- Who did what, and when (docs/api.md, Audit log): runs, recomputes, retraining, threshold changes, users and
-- tokens. Rows are only ever added; the id orders them and pages through them.
CREATE TABLE IF NOT EXISTS audit_log (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  at                TEXT NOT NULL,
  user_name         TEXT NOT NULL,
  action            TEXT NOT NULL,
  subject           TEXT NOT NULL
);
