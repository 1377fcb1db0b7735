-- Volume and money impact of every feature row (docs/architecture.md, Volume and impact), the rows a run wrote
-- without an exchange rate, and the rates the reporting-currency impacts were converted with: a run compares them
-- with the source's and converts again the periods whose rate changed.
ALTER TABLE features ADD COLUMN quantity REAL NOT NULL DEFAULT 0;
ALTER TABLE features ADD COLUMN impact REAL NOT NULL DEFAULT 0;
ALTER TABLE features ADD COLUMN impact_reporting REAL NULL;
ALTER TABLE job_runs ADD COLUMN rows_without_rate INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS reporting_rates (
  from_currency TEXT NOT NULL,
  to_currency   TEXT NOT NULL,
  valid_from    TEXT NOT NULL,
  rate          REAL NOT NULL,
  PRIMARY KEY (from_currency, to_currency, valid_from)
) WITHOUT ROWID;
