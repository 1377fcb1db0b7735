import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { fetchAnomalies } from '../api/queries';
import type { Anomaly } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { PagedList } from '../ui/PagedList';
import { usePages } from '../ui/usePages';
import { count } from '../ui/format';
import { AnomalyTable } from './AnomalyTable';
import { DetailPanel } from './DetailPanel';
import { FilterBar } from './FilterBar';
import { ReasonCards } from './ReasonCards';
import { fromSearchParams, toExportQuery, toSearchParams, type AnomalyFilters } from './filters';

/** Row-level work: every anomaly row (a series on a day), filtered and paged, with the reason behind each. */
export function AnomaliesPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => fromSearchParams(params), [params]);
  const [selected, setSelected] = useState<Anomaly | null>(null);
  const { can } = useSession();
  const setFilters = (next: AnomalyFilters) => {
    setSelected(null);
    setParams(toSearchParams(next));
  };

  const { pages, rows, total } = usePages(['anomalies', filters], (after) => fetchAnomalies(filters, after));

  return (
    <div className={selected ? 'with-detail' : undefined}>
      <ReasonCards filters={filters} onPick={(reason) => setFilters({ ...filters, reason })} />
      <FilterBar filters={filters} onChange={setFilters} />
      <div className="toolbar">
        <span aria-live="polite">{total == null ? '' : `${count(total)} anomalies, ${count(rows.length)} shown`}</span>
        {can('ANALYST') && <a className="button" href={`/api/anomalies/export.xlsx?${toExportQuery(filters)}`} download>Export to Excel</a>}
      </div>
      <div className="split">
        <section aria-label="Anomalies">
          <PagedList what="anomalies" pages={pages} empty={rows.length === 0}>
            <AnomalyTable rows={rows} selectedId={selected?.id ?? null} onSelect={setSelected} />
          </PagedList>
        </section>
        {selected && <DetailPanel anomaly={selected} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
