-- The changed_at indexes carry every column an incremental run reads, so a night's changed rows are read from
-- the few adjacent pages of the index where the new rows sit, not looked up one leaf of the primary key per series
-- across the whole table (a 365-day catalog's night: 40,000 scattered leaves, read from disk when the OS's file
-- cache does not hold them). SQLite only: MySQL's buffer pool keeps the primary key in the server's own memory,
-- and there the indexes stay as docs/architecture.md (Source tables) has them. The key columns were in the indexes already; the rest
-- adds some 20 bytes a row.
DROP INDEX IF EXISTS ix_daily_prices_changed;
CREATE INDEX ix_daily_prices_changed ON daily_prices (changed_at, sku, sales_org, customer_id, dt, net_price, unit_cost, currency);
DROP INDEX IF EXISTS ix_competitor_prices_changed;
CREATE INDEX ix_competitor_prices_changed ON competitor_prices (changed_at, sku, competitor, dt, price, currency);
