-- SKU grain state in cluster mode (GroupCommitGrainStorage): one row per grain, written many grains per statement.
-- Orleans' ADO.NET storage wrote each SKU's state with its own procedure call and transaction, which bounded
-- the nightly run on MySQL (10,000 calls of about 5 KB each).
CREATE TABLE IF NOT EXISTS grain_state (
  grain_id     VARCHAR(255) NOT NULL,
  state_name   VARCHAR(64)  NOT NULL,
  version      BIGINT       NOT NULL,
  payload      LONGBLOB     NOT NULL,
  modified_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (grain_id, state_name)
);
