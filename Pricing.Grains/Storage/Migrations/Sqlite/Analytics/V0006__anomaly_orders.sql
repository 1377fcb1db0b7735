-- The anomaly list sorted by severity or by ML score (keyset pages), and counts by reason without reading the
-- table. Partial: only anomalies are indexed, so the pipeline's writes of ordinary rows do not pay for them.
CREATE INDEX IF NOT EXISTS ix_anomalies_by_severity ON features (severity DESC, dt DESC, sku, sales_org, customer_id) WHERE is_anomaly = 1;
CREATE INDEX IF NOT EXISTS ix_anomalies_by_ml_score ON features (ml_score DESC, dt DESC, sku, sales_org, customer_id) WHERE is_anomaly = 1;
CREATE INDEX IF NOT EXISTS ix_anomalies_by_reasons ON features (reasons, severity, ml_score, dt) WHERE is_anomaly = 1;
