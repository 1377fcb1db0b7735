-- One counter, raised with every change of rule_overrides in the same transaction (docs/architecture.md, Rule
-- thresholds): a recompute carries the version it must flag with, so a silo that read the rules earlier reads
-- them again first.
CREATE TABLE IF NOT EXISTS rule_book_version (
  id      INT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT IGNORE INTO rule_book_version (id, version) VALUES (1, 0);
