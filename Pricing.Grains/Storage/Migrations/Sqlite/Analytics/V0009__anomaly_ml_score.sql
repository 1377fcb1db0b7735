-- The same column as on MySQL, so that one query serves both (SQLite's index was already partial).
ALTER TABLE features ADD COLUMN anomaly_ml_score REAL GENERATED ALWAYS AS (CASE WHEN is_anomaly = 1 THEN ml_score END) VIRTUAL;
DROP INDEX IF EXISTS ix_anomalies_by_ml_score;
CREATE INDEX IF NOT EXISTS ix_anomalies_by_ml_score ON features (anomaly_ml_score DESC, dt DESC, sku, sales_org, customer_id) WHERE is_anomaly = 1;
