import { pickSeries, toChartRows } from './chartData';
import type { FeaturePoint, SkuDetail } from '../api/types';

const point = (dt: string, price: number, reasons: FeaturePoint['reasons'] = []): FeaturePoint => ({
  sku: 'S', salesOrg: '1000', customerId: 'C1', dt, netPrice: price, unitCost: 6, marginPct: ((price - 6) / price) * 100,
  priceChange7dPct: null, volatility14dPct: null, compMinPrice: dt === '2026-01-02' ? null : 9.5, compDeltaPct: null,
  mlScore: 0.1, modelVersion: 1, topFeature: 'margin_pct', reasons, quantity: 4, impact: 12, impactReporting: 12,
});

describe('chart data', () => {
  it('orders by date and marks anomaly days with the price and their reasons', () => {
    const rows = toChartRows([point('2026-01-03', 100, ['PRICE_SPIKE', 'ML_OUTLIER']), point('2026-01-01', 10), point('2026-01-02', 10.2)]);
    expect(rows.map((r) => r.dt)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(rows.map((r) => r.anomaly)).toEqual([null, null, 100]);
    expect(rows[2].reasons).toBe('PRICE_SPIKE, ML_OUTLIER');
    expect(rows[1].competitor).toBeNull();
    expect(rows[0].marginPct).toBe(40);
  });

  it('shows the series from the URL, else the one with most anomalies', () => {
    const detail = {
      sku: 'S', description: '', materialGroup: '', currency: 'EUR', anomalies: [], competitors: [],
      series: [
        { salesOrg: '1000', customerId: 'C1', points: [point('2026-01-01', 10)] },
        { salesOrg: '2000', customerId: 'C2', points: [point('2026-01-01', 10, ['LOW_MARGIN'])] },
      ],
    } satisfies SkuDetail;
    expect(pickSeries(detail, '1000/C1').customerId).toBe('C1');
    expect(pickSeries(detail, null).customerId).toBe('C2');
    expect(pickSeries(detail, '9999/X').customerId).toBe('C2');
  });
});
