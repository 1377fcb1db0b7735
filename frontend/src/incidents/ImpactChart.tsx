import { useQuery } from '@tanstack/react-query';
import { fetchImpactSummary } from '../api/queries';
import type { ImpactGroupBy } from '../api/types';
import { reasonLabel } from '../ui/Badges';
import { count, money } from '../ui/format';
import { GROUPINGS } from './filters';

const SHOWN = 8;

/**
 * Money at stake of the incidents not dismissed in the date range, by material group, sales org or reason: one bar
 * per group, largest first, each anomaly row counted once (by reason, once per reason). A bar filters the list by its group.
 */
export function ImpactChart({ dtFrom, dtTo, groupBy, onGroupBy, onPick }: {
  dtFrom: string; dtTo: string; groupBy: ImpactGroupBy; onGroupBy: (g: ImpactGroupBy) => void; onPick: (key: string) => void;
}) {
  const summary = useQuery({ queryKey: ['impact', dtFrom, dtTo, groupBy], queryFn: () => fetchImpactSummary(dtFrom, dtTo, groupBy) });
  const groups = summary.data ?? [];
  const total = groups.reduce((sum, g) => sum + g.impactReporting, 0);
  const largest = groups[0]?.impactReporting || 1;
  const label = (key: string) => (groupBy === 'REASON' ? reasonLabel(key as never) : key || '(none)');

  return (
    <section className="impact" aria-label="Money at stake">
      <header>
        {groupBy === 'REASON' ? (
          <div>Money at stake by reason of the incidents not dismissed (a row with two reasons counts for both)</div>
        ) : (
          <div>
            <span className="impact-total">{summary.data ? money(total) : '…'}</span> at stake in{' '}
            {summary.data ? count(groups.reduce((sum, g) => sum + g.incidents, 0)) : '…'} incidents not dismissed
          </div>
        )}
        <label>By
          <select aria-label="Group money at stake by" value={groupBy} onChange={(e) => onGroupBy(e.target.value as ImpactGroupBy)}>
            {Object.entries(GROUPINGS).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
          </select>
        </label>
      </header>
      <ol className="bars">
        {groups.slice(0, SHOWN).map((g) => (
          <li key={g.key}>
            <button onClick={() => onPick(g.key)} title={`${count(g.openIncidents)} open of ${count(g.incidents)}`}>
              <span className="bar-label">{label(g.key)}</span>
              <span className="bar" style={{ width: `${Math.max(1, (100 * g.impactReporting) / largest)}%` }} />
              <span className="bar-value">{money(g.impactReporting)}</span>
            </button>
          </li>
        ))}
      </ol>
      {groups.length > SHOWN && <p className="more-groups">and {count(groups.length - SHOWN)} more groups</p>}
    </section>
  );
}
