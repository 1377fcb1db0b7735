import { lazy, Suspense, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { assignIncident, commentIncident, fetchIncident, setIncidentStatus } from '../api/queries';
import type { Incident, IncidentEvent, IncidentStatus, IncidentWithHistory } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { ReasonChip, SeverityBadge } from '../ui/Badges';
import { Failure, Loading } from '../ui/States';
import { money } from '../ui/format';
import { STATUS_LABELS } from './StatusTabs';

// the charting library is most of the bundle: load it when an incident is opened
const IncidentChart = lazy(() => import('./IncidentChart').then((m) => ({ default: m.IncidentChart })));

/** The moves offered from each status; a dismissal needs a note, the label that says it was a false positive. */
const MOVES: Record<IncidentStatus, [IncidentStatus, string][]> = {
  OPEN: [['ACKNOWLEDGED', 'Acknowledge'], ['RESOLVED', 'Resolve'], ['DISMISSED', 'Dismiss']],
  ACKNOWLEDGED: [['RESOLVED', 'Resolve'], ['DISMISSED', 'Dismiss'], ['OPEN', 'Reopen']],
  RESOLVED: [['OPEN', 'Reopen']],
  DISMISSED: [['OPEN', 'Reopen']],
};

/** One incident: what it is, its rows on the SKU chart, and (for analysts) status, assignee and comments, with its history. */
export function IncidentPanel({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const client = useQueryClient();
  const { can } = useSession();
  const detail = useQuery({ queryKey: ['incident', incident.id], queryFn: () => fetchIncident(incident.id) });
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const saved = (changed: IncidentWithHistory) => {
    client.setQueryData(['incident', incident.id], changed);
    client.invalidateQueries({ queryKey: ['incidents'] });
    client.invalidateQueries({ queryKey: ['impact'] });
  };
  const move = useMutation({
    mutationFn: (status: IncidentStatus) => setIncidentStatus(incident.id, status, note.trim() || null),
    onSuccess: (changed) => { setNote(''); saved(changed); },
  });
  const assign = useMutation({ mutationFn: (name: string) => assignIncident(incident.id, name.trim() || null), onSuccess: (changed) => { setAssignee(null); saved(changed); } });
  const addComment = useMutation({ mutationFn: () => commentIncident(incident.id, comment), onSuccess: (changed) => { setComment(''); saved(changed); } });

  const current = detail.data ?? { ...incident, comments: [], history: [] };
  const onMove = (status: IncidentStatus) => {
    if (status === 'DISMISSED' && !note.trim()) { setProblem('Say in the note why this is a false positive, then dismiss it.'); return; }
    setProblem(null);
    move.mutate(status);
  };
  const failed = move.error ?? assign.error ?? addComment.error;

  return (
    <aside className="detail incident-detail" aria-label="Incident detail">
      <header>
        <h2>{current.sku} <SeverityBadge severity={current.maxSeverity} /></h2>
        <button onClick={onClose} aria-label="Close detail">×</button>
      </header>
      <p><ReasonChip reason={current.reason} /> sales org {current.salesOrg}, customer {current.customerId}</p>
      <p>{current.firstDt} to {current.ongoing ? 'today (ongoing)' : current.lastDt}: {current.days} {current.days === 1 ? 'day' : 'days'} flagged</p>
      <dl>
        <div><dt>Money at stake</dt><dd>{money(current.impact)}</dd></div>
        <div><dt>Money at stake, reporting currency</dt><dd>{money(current.impactReporting)}</dd></div>
        <div><dt>Status</dt><dd className="incident-status">{STATUS_LABELS[current.status]}</dd></div>
        <div><dt>Assignee</dt><dd>{current.assignee ?? '—'}</dd></div>
      </dl>
      <Suspense fallback={<Loading what="the chart" />}><IncidentChart incident={current} /></Suspense>

      {can('ANALYST') && (
        <section className="incident-actions" aria-label="Work on this incident">
          <label>Note<textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} placeholder="Required to dismiss: why it is a false positive" /></label>
          <div className="buttons">
            {MOVES[current.status].map(([status, label]) => (
              <button key={status} onClick={() => onMove(status)} disabled={move.isPending}>{label}</button>
            ))}
          </div>
          <form onSubmit={(e) => { e.preventDefault(); assign.mutate(assignee ?? current.assignee ?? ''); }}>
            <label>Assignee<input value={assignee ?? current.assignee ?? ''} onChange={(e) => setAssignee(e.target.value)} /></label>
            <button type="submit" disabled={assign.isPending}>Assign</button>
          </form>
          <form onSubmit={(e) => { e.preventDefault(); if (comment.trim()) addComment.mutate(); }}>
            <label>Comment<textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} /></label>
            <button type="submit" disabled={addComment.isPending || !comment.trim()}>Add comment</button>
          </form>
          {(problem || failed) && (problem ? <p className="problem" role="alert">{problem}</p> : <Failure error={failed} />)}
        </section>
      )}

      <h3>History</h3>
      {detail.isPending ? <Loading what="the history" /> : detail.isError ? <Failure error={detail.error} /> : (
        current.history.length === 0 ? <p className="state empty">No changes yet.</p> : (
          <ol className="history">{current.history.map((e, i) => <li key={i}>{describe(e)}</li>)}</ol>
        )
      )}
      <Link className="button" to={`/sku/${encodeURIComponent(current.sku)}?series=${current.salesOrg}/${current.customerId}`}>
        Open the SKU's price history
      </Link>
    </aside>
  );
}

/** One line of history: when, who, what. */
export function describe(e: IncidentEvent): string {
  const when = e.at.slice(0, 16).replace('T', ' ');
  const what = e.kind === 'COMMENT' ? `commented: ${e.text}`
    : e.kind === 'ASSIGNEE' ? (e.to ? `assigned it to ${e.to}` : 'unassigned it')
    : e.kind === 'REOPENED' ? `reopened it: ${e.text}`
    : `set it ${STATUS_LABELS[e.to as IncidentStatus] ?? e.to}${e.text ? `: ${e.text}` : ''}`;
  return `${when} ${e.actor} ${what}`;
}
