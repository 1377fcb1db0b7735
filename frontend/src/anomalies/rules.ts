import type { Anomaly, Reason } from '../api/types';
import { pct, score } from '../ui/format';

/**
 * Why each reason of an anomaly fired, in words an analyst can check against the numbers. The thresholds are the
 * ones the API returned with the anomaly: its material group's, where the group overrides the global rules.
 */
export function explain(row: Anomaly): { reason: Reason; text: string }[] {
  const t = row.thresholds;
  const texts: Record<Reason, () => string> = {
    NEGATIVE_MARGIN: () => `Margin ${pct(row.marginPct)} is below ${t.negativeMarginPct} %: we sell under cost.`,
    LOW_MARGIN: () => `Margin ${pct(row.marginPct)} is below ${t.lowMarginPct} %.`,
    PRICE_SPIKE: () => `Price moved ${pct(row.priceChange7dPct)} against a week earlier (limit ±${t.priceSpikePct} %).`,
    COMPETITOR_UNDERCUT: () =>
      `Cheapest competitor (${row.compMinPrice?.toFixed(2)}) is ${pct(row.compDeltaPct)} below our price (limit ${t.competitorUndercutPct} %).`,
    ML_OUTLIER: () =>
      `ML score ${score(row.mlScore)} is above model ${row.modelVersion ?? '?'}'s threshold; ${row.topFeature ?? 'no feature'} stands out most.`,
  };
  return row.reasons.map((reason) => ({ reason, text: texts[reason]() }));
}
