-- The SAP-like source tables (docs/architecture.md, Source tables) in SQLite types: dates as ISO text, prices as REAL
-- (values have at most 4 decimals and round-trip exactly), timestamps as 'yyyy-MM-dd HH:mm:ss.ffffff' text.
CREATE TABLE IF NOT EXISTS materials (
  sku            TEXT NOT NULL PRIMARY KEY,
  description    TEXT NOT NULL,
  material_group TEXT NOT NULL,
  base_uom       TEXT NOT NULL,
  currency       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS daily_prices (
  sku         TEXT NOT NULL,
  sales_org   TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  dt          TEXT NOT NULL,
  net_price   REAL NOT NULL,
  unit_cost   REAL NOT NULL,
  currency    TEXT NOT NULL,
  changed_at  TEXT NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_daily_prices_changed ON daily_prices (changed_at);

CREATE TABLE IF NOT EXISTS competitor_prices (
  sku        TEXT NOT NULL,
  competitor TEXT NOT NULL,
  dt         TEXT NOT NULL,
  price      REAL NOT NULL,
  currency   TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (sku, competitor, dt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_competitor_prices_changed ON competitor_prices (changed_at);

CREATE TABLE IF NOT EXISTS seed_irregularities (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sku         TEXT NOT NULL,
  sales_org   TEXT NULL,
  customer_id TEXT NULL,
  dt_from     TEXT NOT NULL,
  dt_to       TEXT NOT NULL,
  kind        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_seed_irregularities_sku ON seed_irregularities (sku, dt_from);
