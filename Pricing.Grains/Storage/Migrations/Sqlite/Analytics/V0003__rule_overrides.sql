-- Rule thresholds per material group, editable by data engineers without a deploy. Null keeps the
-- configured value. Read when a silo starts; a FULL run applies changed thresholds to old rows.
CREATE TABLE IF NOT EXISTS rule_overrides (
  material_group          TEXT NOT NULL PRIMARY KEY,
  negative_margin_pct     REAL NULL,
  low_margin_pct          REAL NULL,
  price_spike_pct         REAL NULL,
  competitor_undercut_pct REAL NULL
);
