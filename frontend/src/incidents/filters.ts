import { INCIDENT_STATUSES, REASONS, SEVERITIES, type ImpactGroupBy, type IncidentStatus } from '../api/types';
import { restQuery, seriesVariables, type SeriesFilters } from '../ui/filterParams';

/** What an analyst filters incidents by; kept in the URL so a view can be shared. Empty string = no filter. */
export interface IncidentFilters extends SeriesFilters {
  status: IncidentStatus | '';
  minImpact: string;
  ongoing: 'true' | 'false' | '';
  assignee: string;
  order: IncidentOrder | '';
  /** What the money-at-stake chart groups by ('' = material group). */
  groupBy: ImpactGroupBy | '';
}

export const ORDERS = { SEVERITY_DESC: 'Most severe first', NEWEST: 'Newest first' } as const;
export type IncidentOrder = keyof typeof ORDERS;

export const GROUPINGS: Record<ImpactGroupBy, string> = { MATERIAL_GROUP: 'Material group', SALES_ORG: 'Sales org', REASON: 'Reason' };

/** The home page opens on the open incidents. */
export const DEFAULT_FILTERS: IncidentFilters = {
  status: 'OPEN', reason: '', sku: '', salesOrg: '', customerId: '', materialGroup: '', dtFrom: '', dtTo: '', minSeverity: '',
  minImpact: '', ongoing: '', assignee: '', order: '', groupBy: '',
};

const KEYS = Object.keys(DEFAULT_FILTERS) as (keyof IncidentFilters)[];
const ALL = 'ALL'; // the status tab "All" in the URL: no status filter

const oneOf = <T extends string>(values: readonly T[], value: string): T | '' => ((values as readonly string[]).includes(value) ? (value as T) : '');

export function fromSearchParams(params: URLSearchParams): IncidentFilters {
  const filters = { ...DEFAULT_FILTERS };
  for (const key of KEYS) {
    const value = params.get(key)?.trim() ?? '';
    if (key === 'status') filters.status = value === ALL ? '' : params.has('status') ? oneOf(INCIDENT_STATUSES, value) : 'OPEN';
    else if (key === 'reason') filters.reason = oneOf(REASONS, value);
    else if (key === 'minSeverity') filters.minSeverity = oneOf(SEVERITIES, value);
    else if (key === 'ongoing') filters.ongoing = oneOf(['true', 'false'] as const, value);
    else if (key === 'order') filters.order = oneOf(Object.keys(ORDERS) as IncidentOrder[], value);
    else if (key === 'groupBy') filters.groupBy = oneOf(Object.keys(GROUPINGS) as ImpactGroupBy[], value);
    else filters[key] = value;
  }
  return filters;
}

export function toSearchParams(filters: IncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (key === 'status') { if (filters.status !== 'OPEN') params.set('status', filters.status || ALL); }
    else if (filters[key]) params.set(key, filters[key]);
  }
  return params;
}

/** A problem the user can fix, shown instead of sent. */
export function validate(filters: IncidentFilters): string | null {
  if (filters.dtFrom && filters.dtTo && filters.dtFrom > filters.dtTo) return 'The "from" date is after the "to" date.';
  if (filters.minImpact && !(Number(filters.minImpact) >= 0)) return 'The minimum money at stake is a number of at least 0.';
  return null;
}

export function toVariables(filters: IncidentFilters): Record<string, unknown> {
  return {
    ...seriesVariables(filters),
    status: filters.status || null,
    minImpact: filters.minImpact ? Number(filters.minImpact) : null,
    ongoing: filters.ongoing ? filters.ongoing === 'true' : null,
    assignee: filters.assignee || null,
  };
}

/** The same filters as the REST export's snake_case query string, in the same order. */
export function toExportQuery(filters: IncidentFilters): string {
  const params = restQuery(toVariables(filters), { status: 'status', minImpact: 'min_impact', ongoing: 'ongoing', assignee: 'assignee' });
  const order = { SEVERITY_DESC: 'severity', NEWEST: 'newest' } as const;
  if (filters.order) params.set('order', order[filters.order]);
  return params.toString();
}
