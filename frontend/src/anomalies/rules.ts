import type { FeaturePoint, Reason } from '../api/types';
import { pct, score } from '../ui/format';

/** Default rule thresholds (docs/architecture.md, Reasons and severity); a material group may override them in the grid's configuration. */
export const DEFAULT_THRESHOLDS = { negativeMarginPct: 0, lowMarginPct: 5, priceSpikePct: 30, competitorUndercutPct: 10 };

/** Why each reason of a row fired, in words an analyst can check against the numbers. */
export function explain(row: FeaturePoint): { reason: Reason; text: string }[] {
  const t = DEFAULT_THRESHOLDS;
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
