-- Incidents (docs/architecture.md, Incidents): one row per problem, derived from the anomaly rows by the runs, with
-- what analysts set on it; days = 0 keeps the work on an incident whose rows went, should they come back. rank_impact
-- is the reporting impact with 0 for none, the key of the default order. incident_events is every change, oldest first.
CREATE TABLE IF NOT EXISTS incidents (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  sku               TEXT    NOT NULL,
  sales_org         TEXT    NOT NULL,
  customer_id       TEXT    NOT NULL,
  reason            INTEGER NOT NULL,
  first_dt          TEXT    NOT NULL,
  last_dt           TEXT    NOT NULL,
  days              INTEGER NOT NULL,
  max_severity      INTEGER NOT NULL,
  impact            REAL    NOT NULL,
  impact_reporting  REAL    NULL,
  rank_impact       REAL    NOT NULL,
  status            TEXT    NOT NULL DEFAULT 'OPEN',
  assignee          TEXT    NULL,
  has_history       INTEGER NOT NULL DEFAULT 0,
  updated_at        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_incidents_series ON incidents (sku, sales_org, customer_id, reason, first_dt);
CREATE INDEX IF NOT EXISTS ix_incidents_impact ON incidents (rank_impact DESC, id);
CREATE INDEX IF NOT EXISTS ix_incidents_status ON incidents (status, rank_impact DESC, id);
CREATE TABLE IF NOT EXISTS incident_events (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id       INTEGER NOT NULL,
  at                TEXT    NOT NULL,
  actor             TEXT    NOT NULL,
  kind              TEXT    NOT NULL,
  from_value        TEXT    NULL,
  to_value          TEXT    NULL,
  text              TEXT    NULL
);
CREATE INDEX IF NOT EXISTS ix_incident_events_incident ON incident_events (incident_id, id);
