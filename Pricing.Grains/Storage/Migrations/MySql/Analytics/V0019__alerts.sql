-- Alerts (docs/architecture.md, Alerts). An incident's notable_at is when it last became new, reopened or escalated
-- (notable_change says which); a subscription has enqueued every change up to its notified_until, and its deliveries
-- are an outbox: each written in the transaction that moves notified_until, sent and retried from there.
ALTER TABLE incidents
  ADD COLUMN notable_at DATETIME(6) NULL,
  ADD COLUMN notable_change VARCHAR(16) NULL,
  ADD COLUMN snoozed_until DATETIME(6) NULL,
  ADD KEY ix_incidents_notable (notable_at);
CREATE TABLE IF NOT EXISTS alert_subscriptions (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(200) NOT NULL,
  reasons         INT          NOT NULL,
  material_groups VARCHAR(2000) NOT NULL,
  sales_orgs      VARCHAR(2000) NOT NULL,
  min_severity    TINYINT      NULL,
  min_impact      DOUBLE       NULL,
  channel         VARCHAR(16)  NOT NULL,
  target          VARCHAR(2000) NOT NULL,
  secret          VARCHAR(500) NULL,
  mode            VARCHAR(16)  NOT NULL,
  enabled         TINYINT      NOT NULL,
  failing         TINYINT      NOT NULL DEFAULT 0,
  created_by      VARCHAR(100) NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  notified_until  DATETIME(6)  NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id BIGINT       NOT NULL,
  idempotency_key VARCHAR(100) NOT NULL,
  channel         VARCHAR(16)  NOT NULL,
  message         MEDIUMTEXT   NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6)  NOT NULL,
  lease_until     DATETIME(6)  NULL,
  error           VARCHAR(2000) NULL,
  created_at      DATETIME(6)  NOT NULL,
  sent_at         DATETIME(6)  NULL,
  test            TINYINT      NOT NULL DEFAULT 0,
  UNIQUE KEY ux_alert_deliveries_key (idempotency_key),
  KEY ix_alert_deliveries_due (status, next_attempt_at),
  KEY ix_alert_deliveries_subscription (subscription_id, id)
);
CREATE TABLE IF NOT EXISTS alert_delivery_incidents (
  delivery_id     BIGINT       NOT NULL,
  incident_id     BIGINT       NOT NULL,
  kind            VARCHAR(16)  NOT NULL,
  PRIMARY KEY (delivery_id, incident_id)
);
