import { REASONS, SEVERITIES, type Reason, type Severity } from '../api/types';

/** What an analyst filters the anomalies by; kept in the URL so a view can be shared. Empty string = no filter. */
export interface AnomalyFilters {
  reason: Reason | '';
  /** An exact SKU, or a prefix when it ends with "*" (e.g. SKU0001*). */
  sku: string;
  salesOrg: string;
  customerId: string;
  materialGroup: string;
  dtFrom: string;
  dtTo: string;
  minSeverity: Severity | '';
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
  const prefix = filters.sku.endsWith('*');
  return {
    reason: filters.reason || null,
    sku: !prefix && filters.sku ? filters.sku : null,
    skuPrefix: prefix ? filters.sku.slice(0, -1) : null,
    salesOrg: filters.salesOrg || null,
    customerId: filters.customerId || null,
    materialGroup: filters.materialGroup || null,
    dtFrom: filters.dtFrom || null,
    dtTo: filters.dtTo || null,
    minSeverity: filters.minSeverity || null,
    minMlScore: filters.minMlScore ? Number(filters.minMlScore) : null,
    orderBy: filters.order || null,
  };
}

/** The same filters as the REST export's snake_case query string. */
export function toExportQuery(filters: AnomalyFilters): string {
  const v = toVariables(filters);
  const params = new URLSearchParams();
  const names: Record<string, string> = {
    reason: 'reason', sku: 'sku', skuPrefix: 'sku_prefix', salesOrg: 'sales_org', customerId: 'customer_id',
    materialGroup: 'material_group', dtFrom: 'dt_from', dtTo: 'dt_to', minSeverity: 'min_severity', minMlScore: 'min_ml_score',
  };
  for (const [key, name] of Object.entries(names)) if (v[key] != null) params.set(name, String(v[key]));
  // the workbook is always in date order: it is for reading, not paging
  return params.toString();
}
