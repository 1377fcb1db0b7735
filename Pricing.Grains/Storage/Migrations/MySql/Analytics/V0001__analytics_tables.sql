-- Features: one row per series and observation date. Doubles, not decimals: the values are the
-- engine's float64 results and must read back bit for bit.
CREATE TABLE IF NOT EXISTS features (
  sku                 VARCHAR(32) NOT NULL,
  sales_org           VARCHAR(8)  NOT NULL,
  customer_id         VARCHAR(16) NOT NULL,
  dt                  DATE        NOT NULL,
  net_price           DOUBLE      NOT NULL,
  unit_cost           DOUBLE      NOT NULL,
  margin_pct          DOUBLE      NOT NULL,
  price_change_7d_pct DOUBLE      NULL,
  volatility_14d_pct  DOUBLE      NULL,
  comp_min_price      DOUBLE      NULL,
  comp_delta_pct      DOUBLE      NULL,
  reasons             INT         NOT NULL,  -- bit set, see AnomalyReasons
  is_anomaly          TINYINT     NOT NULL,  -- reasons <> 0, kept as a column so anomaly queries use an index
  severity            TINYINT     NOT NULL,  -- 0 none, 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL
  ml_score            DOUBLE      NULL,
  model_version       INT         NULL,
  top_feature         VARCHAR(32) NULL,
  job_id              BIGINT      NULL,
  updated_at          DATETIME(6) NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt),
  KEY ix_features_anomalies (is_anomaly, dt DESC, sku, sales_org, customer_id),
  KEY ix_features_dt (dt)
);

-- The anomalies are the feature rows with at least one reason (docs/architecture.md, Reasons and severity).
CREATE OR REPLACE VIEW anomalies AS SELECT * FROM features WHERE is_anomaly = 1;

-- Source rows the grid refused and why. Absent key parts are '' so they can sit in the primary key.
CREATE TABLE IF NOT EXISTS rejected_rows (
  source_table VARCHAR(32) NOT NULL,
  sku          VARCHAR(32) NOT NULL,
  sales_org    VARCHAR(8)  NOT NULL DEFAULT '',
  customer_id  VARCHAR(16) NOT NULL DEFAULT '',
  competitor   VARCHAR(64) NOT NULL DEFAULT '',
  dt           DATE        NOT NULL,
  reason       VARCHAR(32) NOT NULL,
  job_id       BIGINT      NULL,
  rejected_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (source_table, sku, sales_org, customer_id, competitor, dt),
  KEY ix_rejected_rows_job (job_id, reason)
);

CREATE TABLE IF NOT EXISTS job_runs (
  id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind                 VARCHAR(16)  NOT NULL,
  mode                 VARCHAR(16)  NOT NULL,
  `trigger`            VARCHAR(128) NOT NULL,
  status               VARCHAR(16)  NOT NULL,
  created_at           DATETIME(6)  NOT NULL,
  started_at           DATETIME(6)  NULL,
  finished_at          DATETIME(6)  NULL,
  stage                VARCHAR(32)  NULL,
  skus_done            INT          NOT NULL DEFAULT 0,
  skus_total           INT          NOT NULL DEFAULT 0,
  rows_read            BIGINT       NOT NULL DEFAULT 0,
  rows_rejected        BIGINT       NOT NULL DEFAULT 0,
  feature_rows_written BIGINT       NOT NULL DEFAULT 0,
  anomalies_found      BIGINT       NOT NULL DEFAULT 0,
  model_version        INT          NULL,
  error                TEXT         NULL,
  KEY ix_job_runs_status (status)
);

CREATE TABLE IF NOT EXISTS model_versions (
  version       INT          NOT NULL PRIMARY KEY,
  created_at    DATETIME(6)  NOT NULL,
  trained_from  DATE         NULL,
  trained_to    DATE         NULL,
  row_count     BIGINT       NOT NULL,
  threshold     DOUBLE       NOT NULL,
  metrics_json  TEXT         NOT NULL,
  model_bytes   LONGBLOB     NOT NULL
);

-- One row per catalog: how far incremental extraction has read the source (changed_at).
CREATE TABLE IF NOT EXISTS pipeline_watermarks (
  catalog     VARCHAR(64) NOT NULL PRIMARY KEY,
  watermark   DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL
);
