-- Rule thresholds per material group, editable by data engineers without a deploy. Null keeps the
-- configured value. Read when a silo starts; a FULL run applies changed thresholds to old rows.
CREATE TABLE IF NOT EXISTS rule_overrides (
  material_group          VARCHAR(32) NOT NULL PRIMARY KEY,
  negative_margin_pct     DOUBLE      NULL,
  low_margin_pct          DOUBLE      NULL,
  price_spike_pct         DOUBLE      NULL,
  competitor_undercut_pct DOUBLE      NULL
);
