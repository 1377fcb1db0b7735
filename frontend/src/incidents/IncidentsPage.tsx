import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { fetchIncident, fetchIncidents } from '../api/queries';
import type { Incident, Reason } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { PagedList } from '../ui/PagedList';
import { usePages } from '../ui/usePages';
import { count } from '../ui/format';
import { fromSearchParams, toExportQuery, toSearchParams, type IncidentFilters } from './filters';
import { ImpactChart } from './ImpactChart';
import { IncidentFilterBar } from './IncidentFilterBar';
import { IncidentPanel } from './IncidentPanel';
import { IncidentTable } from './IncidentTable';
import { StatusTabs } from './StatusTabs';

/** The home page: one item per problem, the most money at stake first, with totals by group and the lifecycle of each. */
export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => fromSearchParams(params), [params]);
  const [selected, setSelected] = useState<Incident | null>(null);
  const { can } = useSession();
  const setFilters = (next: IncidentFilters) => {
    setSelected(null);
    setParams(toSearchParams(next));
  };
  const groupBy = filters.groupBy || 'MATERIAL_GROUP';
  const pick = (key: string) =>
    setFilters(groupBy === 'REASON' ? { ...filters, reason: key as Reason } : groupBy === 'SALES_ORG' ? { ...filters, salesOrg: key } : { ...filters, materialGroup: key });

  const { pages, rows, total } = usePages(['incidents', filters], (after) => fetchIncidents(filters, after));
  // an alert's link (/?incident=ID) opens that incident's panel
  const linkedId = params.get('incident');
  const linked = useQuery({ queryKey: ['incident', linkedId], queryFn: () => fetchIncident(linkedId!), enabled: linkedId !== null && selected === null });
  const shown = selected ?? linked.data ?? null;
  const close = () => {
    setSelected(null);
    if (linkedId !== null) setParams(toSearchParams(filters));
  };

  return (
    <div className={shown ? 'with-detail' : undefined}>
      <ImpactChart dtFrom={filters.dtFrom} dtTo={filters.dtTo} groupBy={groupBy} onGroupBy={(g) => setFilters({ ...filters, groupBy: g })} onPick={pick} />
      <StatusTabs status={filters.status} onChange={(status) => setFilters({ ...filters, status })} />
      <IncidentFilterBar filters={filters} onChange={setFilters} />
      <div className="toolbar">
        <span aria-live="polite">{total == null ? '' : `${count(total)} incidents, ${count(rows.length)} shown`}</span>
        {can('ANALYST') && <a className="button" href={`/api/incidents/export.xlsx?${toExportQuery(filters)}`} download>Export to Excel</a>}
      </div>
      <div className="split">
        <section aria-label="Incidents">
          <PagedList what="incidents" pages={pages} empty={rows.length === 0}>
            <IncidentTable rows={rows} selectedId={shown?.id ?? null} onSelect={setSelected} />
          </PagedList>
        </section>
        {shown && <IncidentPanel key={shown.id} incident={shown} onClose={close} />}
      </div>
    </div>
  );
}
