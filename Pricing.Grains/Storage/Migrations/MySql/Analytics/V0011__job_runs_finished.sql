-- Cached anomaly counts ask, with every request, whether a run has ended since they were counted
-- (AnalyticsStore.RunsEndedStampAsync): one index lookup instead of a scan of every job run.
CREATE INDEX ix_job_runs_finished ON job_runs (finished_at);
