import type { Reason, Severity } from '../api/types';

/** The filters the anomalies and the incidents share, as the pages keep them (empty string = no filter). */
export interface SeriesFilters {
  reason: Reason | '';
  /** An exact SKU, or a prefix when it ends with "*" (e.g. SKU0001*). */
  sku: string;
  salesOrg: string;
  customerId: string;
  materialGroup: string;
  dtFrom: string;
  dtTo: string;
  minSeverity: Severity | '';
  order: string;
}

/** Their GraphQL variables. */
export function seriesVariables(filters: SeriesFilters): Record<string, unknown> {
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
    orderBy: filters.order || null,
  };
}

const SNAKE: Record<string, string> = {
  reason: 'reason', sku: 'sku', skuPrefix: 'sku_prefix', salesOrg: 'sales_org', customerId: 'customer_id',
  materialGroup: 'material_group', dtFrom: 'dt_from', dtTo: 'dt_to', minSeverity: 'min_severity',
};

/** GraphQL variables as a REST query string: the shared ones and <paramref name="more"/> (variable → parameter). */
export function restQuery(variables: Record<string, unknown>, more: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries({ ...SNAKE, ...more })) if (variables[key] != null) params.set(name, String(variables[key]));
  return params;
}
