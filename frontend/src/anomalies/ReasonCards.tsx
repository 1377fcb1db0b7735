import { useQuery } from '@tanstack/react-query';
import { fetchReasonCounts } from '../api/queries';
import { REASONS, type Reason } from '../api/types';
import { reasonLabel } from '../ui/Badges';
import { count } from '../ui/format';
import type { AnomalyFilters } from './filters';

/** Counts by reason for the date range; a card is a button that filters the table by its reason (again: clears it). */
export function ReasonCards({ filters, onPick }: { filters: AnomalyFilters; onPick: (reason: Reason | '') => void }) {
  const counts = useQuery({ queryKey: ['reasons', filters.dtFrom, filters.dtTo], queryFn: () => fetchReasonCounts(filters) });
  return (
    <section className="cards" aria-label="Anomalies by reason">
      {REASONS.map((reason) => {
        const value = counts.data?.find((c) => c.reason === reason)?.count;
        const active = filters.reason === reason;
        return (
          <button key={reason} className={`card reason-${reason.toLowerCase()}${active ? ' active' : ''}`} aria-pressed={active}
            onClick={() => onPick(active ? '' : reason)}>
            <span className="card-count">{value == null ? '…' : count(value)}</span>
            <span>{reasonLabel(reason)}</span>
          </button>
        );
      })}
    </section>
  );
}
