-- A restarted silo asks which SKU grains were written in the last day, to wake them again (SkuGrainRestorer).
CREATE INDEX ix_grain_state_modified ON grain_state (state_name, modified_at);
