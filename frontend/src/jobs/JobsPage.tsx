import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJobs, runPipeline } from '../api/queries';
import { useSession } from '../auth/SessionContext';
import type { JobRun } from '../api/types';
import { Empty, Failure, Loading } from '../ui/States';
import { count } from '../ui/format';
import { RejectedRows } from './RejectedRows';

const running = (job: JobRun) => job.status === 'QUEUED' || job.status === 'RUNNING';

export function duration(job: JobRun): string {
  if (job.durationSeconds != null) return `${job.durationSeconds.toFixed(1)} s`;
  if (job.startedAt) return `${((Date.now() - Date.parse(job.startedAt)) / 1000).toFixed(0)} s so far`;
  return '—';
}

/**
 * Job history; while a run is going the page refreshes every 2 s so its progress moves. Pricing managers and
 * admins may start runs; the others see the history only.
 */
export function JobsPage() {
  const client = useQueryClient();
  const { can } = useSession();
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: fetchJobs,
    refetchInterval: (q) => (q.state.data?.some(running) ? 2000 : 15000),
  });
  const start = useMutation({
    mutationFn: runPipeline,
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const [open, setOpen] = useState<string | null>(null);
  const busy = jobs.data?.some(running) ?? false;

  return (
    <div className="jobs">
      <div className="toolbar">
        <h1>Pipeline runs</h1>
        {can('PRICING_MANAGER') && (
          <>
            <button onClick={() => start.mutate('INCREMENTAL')} disabled={busy || start.isPending}>Run incremental</button>
            <button onClick={() => start.mutate('FULL')} disabled={busy || start.isPending}>Run full recompute</button>
          </>
        )}
        {busy && <span role="status">A run is in progress.</span>}
      </div>
      {start.isError && <Failure error={start.error} />}
      {jobs.isPending ? <Loading what="jobs" />
        : jobs.isError ? <Failure error={jobs.error} retry={() => jobs.refetch()} />
        : jobs.data.length === 0 ? <Empty>No run yet.{can('PRICING_MANAGER') && ' Start one above.'}</Empty>
        : (
          <div className="table-wrap">
            <table className="job-table">
              <thead>
                <tr><th>Job</th><th>Kind</th><th>Status</th><th>Started</th><th>Duration</th><th>Stage / progress</th>
                  <th className="num">Rows read</th><th className="num">Rejected</th><th className="num">Features written</th>
                  <th className="num">Anomalies</th><th>Model</th></tr>
              </thead>
              <tbody>
                {jobs.data.map((job) => (
                  <JobRow key={job.id} job={job} open={open === job.id} onToggle={() => setOpen(open === job.id ? null : job.id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
    </div>
  );
}

function JobRow({ job, open, onToggle }: { job: JobRun; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr className="job" data-job={job.id}>
        <td>{job.id}</td>
        <td>{job.kind} ({job.mode.toLowerCase()})<div className="muted">{job.trigger}</div></td>
        <td><span className={`badge status-${job.status.toLowerCase()}`}>{job.status}</span></td>
        <td>{job.startedAt ? new Date(job.startedAt).toLocaleString() : '—'}</td>
        <td>{duration(job)}</td>
        <td>
          {job.stage?.toLowerCase() ?? '—'}
          {job.skusTotal > 0 && (
            <progress max={job.skusTotal} value={job.skusDone} aria-label={`${job.skusDone} of ${job.skusTotal} SKUs`} />
          )}
          <div className="muted">{count(job.skusDone)} / {count(job.skusTotal)} SKUs</div>
          {job.error && <div className="error-text">{job.error}</div>}
        </td>
        <td className="num">{count(job.rowsRead)}</td>
        <td className="num">
          {job.rowsRejected > 0 ? <button className="link" onClick={onToggle} aria-expanded={open}>{count(job.rowsRejected)}</button> : 0}
        </td>
        <td className="num">{count(job.featureRowsWritten)}</td>
        <td className="num">{count(job.anomaliesFound)}</td>
        <td>{job.modelVersion ?? '—'}</td>
      </tr>
      {open && (
        <tr><td colSpan={11}><RejectedRows jobId={job.id} /></td></tr>
      )}
    </>
  );
}
