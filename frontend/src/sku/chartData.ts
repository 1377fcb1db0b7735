import type { FeaturePoint, SkuDetail } from '../api/types';

export interface ChartRow {
  dt: string;
  price: number;
  competitor: number | null;
  cost: number;
  marginPct: number;
  /** The price again on anomaly days (null otherwise), so the chart can draw a marker there. */
  anomaly: number | null;
  reasons: string;
}

/** One row per date of a series, in date order: our price, the cheapest competitor, cost, margin and anomaly markers. */
export function toChartRows(points: FeaturePoint[]): ChartRow[] {
  return [...points]
    .sort((a, b) => (a.dt < b.dt ? -1 : a.dt > b.dt ? 1 : 0))
    .map((p) => ({
      dt: p.dt,
      price: p.netPrice,
      competitor: p.compMinPrice,
      cost: p.unitCost,
      marginPct: Math.round(p.marginPct * 100) / 100,
      anomaly: p.reasons.length > 0 ? p.netPrice : null,
      reasons: p.reasons.join(', '),
    }));
}

export const seriesKey = (s: { salesOrg: string; customerId: string }) => `${s.salesOrg}/${s.customerId}`;

/** The series to show: the one named in the URL if the SKU has it, else the one with the most anomalies. */
export function pickSeries(detail: SkuDetail, wanted: string | null) {
  return detail.series.find((s) => seriesKey(s) === wanted)
    ?? [...detail.series].sort((a, b) => b.points.filter((p) => p.reasons.length).length - a.points.filter((p) => p.reasons.length).length)[0];
}
