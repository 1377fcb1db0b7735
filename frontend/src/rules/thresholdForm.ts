import type { RuleThresholds } from '../api/types';

export type ThresholdKey = keyof RuleThresholds;

export const THRESHOLD_COLUMNS: { key: ThresholdKey; label: string }[] = [
  { key: 'negativeMarginPct', label: 'Negative margin below' },
  { key: 'lowMarginPct', label: 'Low margin below' },
  { key: 'priceSpikePct', label: 'Price spike beyond ±' },
  { key: 'competitorUndercutPct', label: 'Competitor undercut beyond' },
];

/** The form's text per threshold: empty means "as configured". */
export type ThresholdDraft = Record<ThresholdKey, string>;

export const emptyDraft = (): ThresholdDraft => ({ negativeMarginPct: '', lowMarginPct: '', priceSpikePct: '', competitorUndercutPct: '' });

export const draftOf = (t: RuleThresholds): ThresholdDraft => ({
  negativeMarginPct: String(t.negativeMarginPct),
  lowMarginPct: String(t.lowMarginPct),
  priceSpikePct: String(t.priceSpikePct),
  competitorUndercutPct: String(t.competitorUndercutPct),
});

/** The mutation's values, or the first mistake in words; the gateway checks the thresholds' consistency. */
export function parseDraft(draft: ThresholdDraft): { values: Record<ThresholdKey, number | null> } | { problem: string } {
  const values = {} as Record<ThresholdKey, number | null>;
  for (const { key, label } of THRESHOLD_COLUMNS) {
    const text = draft[key].trim();
    if (text === '') { values[key] = null; continue; }
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value)) return { problem: `${label}: "${text}" is not a number` };
    values[key] = value;
  }
  return { values };
}
