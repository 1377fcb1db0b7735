import { explain } from './rules';
import type { Anomaly } from '../api/types';

const row: Anomaly = {
  id: 'a1', severity: 'CRITICAL', thresholds: { negativeMarginPct: 0, lowMarginPct: 5, priceSpikePct: 30, competitorUndercutPct: 10 },
  sku: 'SKU000001', salesOrg: '1000', customerId: 'C100001', dt: '2026-11-20', netPrice: 10, unitCost: 11, marginPct: -10,
  priceChange7dPct: -45.5, volatility14dPct: 12, compMinPrice: 8, compDeltaPct: 25, mlScore: 0.998, modelVersion: 3,
  topFeature: 'margin_pct', reasons: ['NEGATIVE_MARGIN', 'PRICE_SPIKE', 'COMPETITOR_UNDERCUT', 'ML_OUTLIER'],
  quantity: 4, impact: 12, impactReporting: 12,
};

describe('reason explanations', () => {
  it('name the number and the threshold it crossed, one line per reason', () => {
    const lines = explain(row);
    expect(lines.map((l) => l.reason)).toEqual(row.reasons);
    expect(lines[0].text).toBe('Margin -10.0 % is below 0 %: we sell under cost.');
    expect(lines[1].text).toContain('-45.5 %');
    expect(lines[2].text).toContain('8.00');
    expect(lines[3].text).toContain("model 3's threshold; margin_pct");
    expect(lines[1].text).toContain('limit ±30 %');
  });

  it('use the thresholds that came with the row, not defaults', () => {
    const overridden = { ...row, thresholds: { negativeMarginPct: -5, lowMarginPct: 12, priceSpikePct: 40, competitorUndercutPct: 20 } };
    const lines = explain(overridden);
    expect(lines[0].text).toBe('Margin -10.0 % is below -5 %: we sell under cost.');
    expect(lines[1].text).toContain('limit ±40 %');
    expect(lines[2].text).toContain('limit 20 %');
  });
});
