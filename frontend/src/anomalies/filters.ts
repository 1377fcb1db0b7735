import { REASONS, SEVERITIES, type Reason, type Severity } from '../api/types';
import { restQuery, seriesVariables, type SeriesFilters } from '../ui/filterParams';

/** What an analyst filters the anomalies by; kept in the URL so a view can be shared. Empty string = no filter. */
export interface AnomalyFilters extends SeriesFilters {
  minMlScore: string;
  /** The server's order for paging ('' = newest first, the contract order). */
  order: AnomalyOrder | '';
}

export const ORDERS = { SEVERITY_DESC: 'Most severe first', ML_SCORE_DESC: 'Highest ML score first' } as const;
export type AnomalyOrder = keyof typeof ORDERS;

export const EMPTY_FILTERS: AnomalyFilters = {
  reason: '', sku: '', salesOrg: '', customerId: '', materialGroup: '', dtFrom: '', dtTo: '', minSeverity: '', minMlScore: '', order: '',
};

const KEYS = Object.keys(EMPTY_FILTERS) as (keyof AnomalyFilters)[];

export function fromSearchParams(params: URLSearchParams): AnomalyFilters {
  const filters = { ...EMPTY_FILTERS };
  for (const key of KEYS) {
    const value = params.get(key)?.trim() ?? '';
    if (key === 'reason') filters.reason = (REASONS as readonly string[]).includes(value) ? (value as Reason) : '';
    else if (key === 'minSeverity') filters.minSeverity = (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : '';
    else if (key === 'order') filters.order = value in ORDERS ? (value as AnomalyOrder) : '';
    else filters[key] = value;
  }
  return filters;
}

export function toSearchParams(filters: AnomalyFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** The GraphQL variables of the anomalies query; a problem the user can fix is returned instead of sent. */
export function validate(filters: AnomalyFilters): string | null {
  if (filters.dtFrom && filters.dtTo && filters.dtFrom > filters.dtTo) return 'The "from" date is after the "to" date.';
  if (filters.minMlScore) {
    const score = Number(filters.minMlScore);
    if (Number.isNaN(score) || score < 0 || score > 1) return 'The minimum ML score is a number from 0 to 1.';
  }
  return null;
}

export function toVariables(filters: AnomalyFilters): Record<string, unknown> {
  return { ...seriesVariables(filters), minMlScore: filters.minMlScore ? Number(filters.minMlScore) : null };
}

/** The same filters as the REST export's snake_case query string; the workbook is always in date order: it is for reading, not paging. */
export function toExportQuery(filters: AnomalyFilters): string {
  return restQuery(toVariables(filters), { minMlScore: 'min_ml_score' }).toString();
}
