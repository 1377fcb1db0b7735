-- Alerts (docs/architecture.md, Alerts). An incident's notable_at is when it last became new, reopened or escalated
-- (notable_change says which); a subscription has enqueued every change up to its notified_until, and its deliveries
-- are an outbox: each written in the transaction that moves notified_until, sent and retried from there.
ALTER TABLE incidents ADD COLUMN notable_at TEXT NULL;
ALTER TABLE incidents ADD COLUMN notable_change TEXT NULL;
ALTER TABLE incidents ADD COLUMN snoozed_until TEXT NULL;
CREATE INDEX IF NOT EXISTS ix_incidents_notable ON incidents (notable_at);
CREATE TABLE IF NOT EXISTS alert_subscriptions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT    NOT NULL,
  reasons         INTEGER NOT NULL,
  material_groups TEXT    NOT NULL,
  sales_orgs      TEXT    NOT NULL,
  min_severity    INTEGER NULL,
  min_impact      REAL    NULL,
  channel         TEXT    NOT NULL,
  target          TEXT    NOT NULL,
  secret          TEXT    NULL,
  mode            TEXT    NOT NULL,
  enabled         INTEGER NOT NULL,
  failing         INTEGER NOT NULL DEFAULT 0,
  created_by      TEXT    NOT NULL,
  created_at      TEXT    NOT NULL,
  notified_until  TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL,
  idempotency_key TEXT    NOT NULL UNIQUE,
  channel         TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT    NOT NULL,
  lease_until     TEXT    NULL,
  error           TEXT    NULL,
  created_at      TEXT    NOT NULL,
  sent_at         TEXT    NULL,
  test            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_alert_deliveries_subscription ON alert_deliveries (subscription_id, id);
CREATE TABLE IF NOT EXISTS alert_delivery_incidents (
  delivery_id     INTEGER NOT NULL,
  incident_id     INTEGER NOT NULL,
  kind            TEXT    NOT NULL,
  PRIMARY KEY (delivery_id, incident_id)
);
