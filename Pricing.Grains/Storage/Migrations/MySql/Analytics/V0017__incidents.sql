-- Incidents (docs/architecture.md, Incidents): one row per problem, derived from the anomaly rows by the runs, with
-- what analysts set on it; days = 0 keeps the work on an incident whose rows went, should they come back. rank_impact
-- is the reporting impact with 0 for none, the key of the default order. incident_events is every change, oldest first.
CREATE TABLE IF NOT EXISTS incidents (
  id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku               VARCHAR(32) NOT NULL,
  sales_org         VARCHAR(8)  NOT NULL,
  customer_id       VARCHAR(16) NOT NULL,
  reason            INT         NOT NULL,
  first_dt          DATE        NOT NULL,
  last_dt           DATE        NOT NULL,
  days              INT         NOT NULL,
  max_severity      TINYINT     NOT NULL,
  impact            DOUBLE      NOT NULL,
  impact_reporting  DOUBLE      NULL,
  rank_impact       DOUBLE      NOT NULL,
  status            VARCHAR(16) NOT NULL DEFAULT 'OPEN',
  assignee          VARCHAR(100) NULL,
  has_history       TINYINT     NOT NULL DEFAULT 0,
  updated_at        DATETIME(6) NOT NULL,
  KEY ix_incidents_series (sku, sales_org, customer_id, reason, first_dt),
  KEY ix_incidents_impact (rank_impact DESC, id),
  KEY ix_incidents_status (status, rank_impact DESC, id)
);
CREATE TABLE IF NOT EXISTS incident_events (
  id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  incident_id       BIGINT      NOT NULL,
  at                DATETIME(6) NOT NULL,
  actor             VARCHAR(100) NOT NULL,
  kind              VARCHAR(16) NOT NULL,
  from_value        VARCHAR(100) NULL,
  to_value          VARCHAR(100) NULL,
  text              VARCHAR(2000) NULL,
  KEY ix_incident_events_incident (incident_id, id)
);
