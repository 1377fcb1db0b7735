-- The anomaly list sorted by severity or by ML score (keyset pages).
CREATE INDEX ix_anomalies_by_severity ON features (is_anomaly, severity DESC, dt DESC, sku, sales_org, customer_id);
CREATE INDEX ix_anomalies_by_ml_score ON features (is_anomaly, ml_score DESC, dt DESC, sku, sales_org, customer_id);
