import type { Incident } from '../api/types';
import { ReasonChip, SeverityBadge } from '../ui/Badges';
import { money } from '../ui/format';
import { STATUS_LABELS } from './StatusTabs';

/** The incidents in the server's order (most money at stake first by default); a row opens the incident's panel. */
export function IncidentTable({ rows, selectedId, onSelect }: { rows: Incident[]; selectedId: string | null; onSelect: (i: Incident) => void }) {
  return (
    <div className="table-wrap">
      <table className="incidents">
        <thead>
          <tr>
            <th className="num">At stake</th><th>Severity</th><th>Reason</th><th>SKU</th><th>Sales org</th><th>Customer</th>
            <th>From</th><th>To</th><th className="num">Days</th><th>Status</th><th>Assignee</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id} data-incident={i.id} tabIndex={0} className={i.id === selectedId ? 'selected' : undefined} aria-selected={i.id === selectedId}
              onClick={() => onSelect(i)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(i); } }}>
              <td className="num">{money(i.impactReporting)}</td>
              <td><SeverityBadge severity={i.maxSeverity} /></td>
              <td><ReasonChip reason={i.reason} /></td>
              <td>{i.sku}</td><td>{i.salesOrg}</td><td>{i.customerId}</td>
              <td>{i.firstDt}</td><td>{i.ongoing ? <span className="badge ongoing">ongoing</span> : i.lastDt}</td>
              <td className="num">{i.days}</td>
              <td><span className={`badge status-${i.status.toLowerCase()}`}>{STATUS_LABELS[i.status]}</span></td>
              <td>{i.assignee ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
