-- Sales volumes and exchange rates (docs/architecture.md, Source tables): what a row's money at stake is computed
-- from. Optional in a real source; the seed generator fills both. Quantities (3 decimals) and rates (8) round-trip
-- exactly as REAL. The changed_at index covers the columns an incremental run reads, as the prices' does.
CREATE TABLE IF NOT EXISTS billed_quantities (
  sku         TEXT NOT NULL,
  sales_org   TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  dt          TEXT NOT NULL,
  quantity    REAL NOT NULL,
  changed_at  TEXT NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_billed_quantities_changed ON billed_quantities (changed_at, sku, sales_org, customer_id, dt, quantity);

CREATE TABLE IF NOT EXISTS exchange_rates (
  from_currency TEXT NOT NULL,
  to_currency   TEXT NOT NULL,
  valid_from    TEXT NOT NULL,
  rate          REAL NOT NULL,
  PRIMARY KEY (from_currency, to_currency, valid_from)
) WITHOUT ROWID;
