-- A night reads only the incidents of its SKUs that end near the days it changed, not every incident they ever had.
CREATE INDEX ix_incidents_latest ON incidents (sku, last_dt);
