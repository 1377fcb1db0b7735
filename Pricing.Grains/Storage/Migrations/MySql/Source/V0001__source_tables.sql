-- The SAP-like source tables (docs/architecture.md, Source tables). The grid only reads them; `seed` fills them for demos and tests.
CREATE TABLE IF NOT EXISTS materials (
  sku            VARCHAR(32)  NOT NULL PRIMARY KEY,
  description    VARCHAR(200) NOT NULL,
  material_group VARCHAR(32)  NOT NULL,
  base_uom       VARCHAR(8)   NOT NULL,
  currency       CHAR(3)      NOT NULL
);

CREATE TABLE IF NOT EXISTS daily_prices (
  sku         VARCHAR(32)   NOT NULL,
  sales_org   VARCHAR(8)    NOT NULL,
  customer_id VARCHAR(16)   NOT NULL,
  dt          DATE          NOT NULL,
  net_price   DECIMAL(14,4) NOT NULL,
  unit_cost   DECIMAL(14,4) NOT NULL,
  currency    CHAR(3)       NOT NULL,
  changed_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (sku, sales_org, customer_id, dt),
  KEY ix_daily_prices_changed (changed_at)
);

CREATE TABLE IF NOT EXISTS competitor_prices (
  sku        VARCHAR(32)   NOT NULL,
  competitor VARCHAR(64)   NOT NULL,
  dt         DATE          NOT NULL,
  price      DECIMAL(14,4) NOT NULL,
  currency   CHAR(3)       NOT NULL,
  changed_at DATETIME(6)   NOT NULL,
  PRIMARY KEY (sku, competitor, dt),
  KEY ix_competitor_prices_changed (changed_at)
);

-- Ground truth of the seed generator: every irregularity it injected on purpose.
CREATE TABLE IF NOT EXISTS seed_irregularities (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku         VARCHAR(32)  NOT NULL,
  sales_org   VARCHAR(8)   NULL,
  customer_id VARCHAR(16)  NULL,
  dt_from     DATE         NOT NULL,
  dt_to       DATE         NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  KEY ix_seed_irregularities_sku (sku, dt_from)
);
