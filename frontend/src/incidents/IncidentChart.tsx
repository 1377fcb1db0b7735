import { useQuery } from '@tanstack/react-query';
import { fetchSkuDetail } from '../api/queries';
import type { Incident } from '../api/types';
import { toChartRows } from '../sku/chartData';
import { PriceChart } from '../sku/PriceCharts';
import { Failure, Loading } from '../ui/States';

const DAY = 86_400_000;

/** The incident's series on the SKU chart from a week before it, its own rows marked (not the series' other anomalies). */
export function IncidentChart({ incident }: { incident: Incident }) {
  const days = Math.min(3660, Math.max(60, Math.ceil((Date.now() - Date.parse(incident.firstDt)) / DAY) + 7));
  const detail = useQuery({ queryKey: ['sku', incident.sku, days], queryFn: () => fetchSkuDetail(incident.sku, days) });
  if (detail.isPending) return <Loading what="the price history" />;
  if (detail.isError) return <Failure error={detail.error} />;
  const series = detail.data.series.find((s) => s.salesOrg === incident.salesOrg && s.customerId === incident.customerId);
  if (!series) return null;
  const from = new Date(Date.parse(incident.firstDt) - 7 * DAY).toISOString().slice(0, 10);
  const rows = toChartRows(series.points.filter((p) => p.dt >= from)).map((r) => {
    const own = r.dt >= incident.firstDt && r.dt <= incident.lastDt && r.reasons.includes(incident.reason);
    return { ...r, anomaly: own ? r.price : null, reasons: own ? incident.reason : '' };
  });
  return <PriceChart rows={rows} currency={detail.data.currency} />;
}
