CREATE TABLE IF NOT EXISTS features (
  sku                 TEXT    NOT NULL,
  sales_org           TEXT    NOT NULL,
  customer_id         TEXT    NOT NULL,
  dt                  TEXT    NOT NULL,
  net_price           REAL    NOT NULL,
  unit_cost           REAL    NOT NULL,
  margin_pct          REAL    NOT NULL,
  price_change_7d_pct REAL    NULL,
  volatility_14d_pct  REAL    NULL,
  comp_min_price      REAL    NULL,
  comp_delta_pct      REAL    NULL,
  reasons             INTEGER NOT NULL,  -- bit set, see AnomalyReasons
  is_anomaly          INTEGER NOT NULL,  -- reasons <> 0, kept as a column so anomaly queries use an index
  severity            INTEGER NOT NULL,  -- 0 none, 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL
  ml_score            REAL    NULL,
  model_version       INTEGER NULL,
  top_feature         TEXT    NULL,
  job_id              INTEGER NULL,
  updated_at          TEXT    NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_features_anomalies ON features (is_anomaly, dt DESC, sku, sales_org, customer_id);
CREATE INDEX IF NOT EXISTS ix_features_dt ON features (dt);

CREATE VIEW IF NOT EXISTS anomalies AS SELECT * FROM features WHERE is_anomaly = 1;

CREATE TABLE IF NOT EXISTS rejected_rows (
  source_table TEXT NOT NULL,
  sku          TEXT NOT NULL,
  sales_org    TEXT NOT NULL DEFAULT '',
  customer_id  TEXT NOT NULL DEFAULT '',
  competitor   TEXT NOT NULL DEFAULT '',
  dt           TEXT NOT NULL,
  reason       TEXT NOT NULL,
  job_id       INTEGER NULL,
  rejected_at  TEXT NOT NULL,
  PRIMARY KEY (source_table, sku, sales_org, customer_id, competitor, dt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_rejected_rows_job ON rejected_rows (job_id, reason);

CREATE TABLE IF NOT EXISTS job_runs (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind                 TEXT    NOT NULL,
  mode                 TEXT    NOT NULL,
  "trigger"            TEXT    NOT NULL,
  status               TEXT    NOT NULL,
  created_at           TEXT    NOT NULL,
  started_at           TEXT    NULL,
  finished_at          TEXT    NULL,
  stage                TEXT    NULL,
  skus_done            INTEGER NOT NULL DEFAULT 0,
  skus_total           INTEGER NOT NULL DEFAULT 0,
  rows_read            INTEGER NOT NULL DEFAULT 0,
  rows_rejected        INTEGER NOT NULL DEFAULT 0,
  feature_rows_written INTEGER NOT NULL DEFAULT 0,
  anomalies_found      INTEGER NOT NULL DEFAULT 0,
  model_version        INTEGER NULL,
  error                TEXT    NULL
);
CREATE INDEX IF NOT EXISTS ix_job_runs_status ON job_runs (status);

CREATE TABLE IF NOT EXISTS model_versions (
  version       INTEGER NOT NULL PRIMARY KEY,
  created_at    TEXT    NOT NULL,
  trained_from  TEXT    NULL,
  trained_to    TEXT    NULL,
  row_count     INTEGER NOT NULL,
  threshold     REAL    NOT NULL,
  metrics_json  TEXT    NOT NULL,
  model_bytes   BLOB    NOT NULL
);

CREATE TABLE IF NOT EXISTS pipeline_watermarks (
  catalog     TEXT NOT NULL PRIMARY KEY,
  watermark   TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
