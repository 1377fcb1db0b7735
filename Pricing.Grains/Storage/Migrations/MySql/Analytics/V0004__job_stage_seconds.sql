-- Where a run spends its time, summed over its batches (batches overlap, so the sum can exceed the wall time):
-- reading source rows, the SKU grains, ML scoring, writing to the analytics DB. Shown per job for operators.
ALTER TABLE job_runs ADD COLUMN read_seconds DOUBLE NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN compute_seconds DOUBLE NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN score_seconds DOUBLE NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN write_seconds DOUBLE NOT NULL DEFAULT 0;
