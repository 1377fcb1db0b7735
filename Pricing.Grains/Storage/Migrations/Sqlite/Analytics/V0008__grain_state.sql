-- Grain state written in groups (GroupCommitGrainStorage); the embedded default keeps grain state in memory,
-- so here the table serves the storage's own tests and any SQLite silo configured to persist.
CREATE TABLE IF NOT EXISTS grain_state (
  grain_id     TEXT    NOT NULL,
  state_name   TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  payload      BLOB    NOT NULL,
  modified_at  TEXT    NOT NULL,
  PRIMARY KEY (grain_id, state_name)
);
