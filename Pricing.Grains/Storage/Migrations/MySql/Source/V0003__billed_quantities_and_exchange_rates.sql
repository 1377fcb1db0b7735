-- Sales volumes and exchange rates (docs/architecture.md, Source tables): what a row's money at stake is computed
-- from. Optional in a real source; the seed generator fills both.
CREATE TABLE IF NOT EXISTS billed_quantities (
  sku         VARCHAR(32)   NOT NULL,
  sales_org   VARCHAR(8)    NOT NULL,
  customer_id VARCHAR(16)   NOT NULL,
  dt          DATE          NOT NULL,
  quantity    DECIMAL(14,3) NOT NULL,
  changed_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt),
  KEY ix_billed_quantities_changed (changed_at)
);

CREATE TABLE IF NOT EXISTS exchange_rates (
  from_currency CHAR(3)       NOT NULL,
  to_currency   CHAR(3)       NOT NULL,
  valid_from    DATE          NOT NULL,
  rate          DECIMAL(18,8) NOT NULL,
  PRIMARY KEY (from_currency, to_currency, valid_from)
);
