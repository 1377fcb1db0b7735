-- Volume and money impact of every feature row (docs/architecture.md, Volume and impact), the rows a run wrote
-- without an exchange rate, and the rates the reporting-currency impacts were converted with: a run compares them
-- with the source's and converts again the periods whose rate changed.
ALTER TABLE features
  ADD COLUMN quantity DOUBLE NOT NULL DEFAULT 0,
  ADD COLUMN impact DOUBLE NOT NULL DEFAULT 0,
  ADD COLUMN impact_reporting DOUBLE NULL;
ALTER TABLE job_runs ADD COLUMN rows_without_rate BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS reporting_rates (
  from_currency CHAR(3)      NOT NULL,
  to_currency   CHAR(3)      NOT NULL,
  valid_from    DATE         NOT NULL,
  rate          DOUBLE       NOT NULL,
  PRIMARY KEY (from_currency, to_currency, valid_from)
);
CREATE OR REPLACE VIEW anomalies AS SELECT * FROM features WHERE is_anomaly = 1;
