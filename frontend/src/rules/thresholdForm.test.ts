import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, parseDraft } from './thresholdForm';

describe('parseDraft', () => {
  it('turns empty fields into "as configured" and reads decimal commas', () => {
    expect(parseDraft({ ...emptyDraft(), lowMarginPct: '12,5' })).toEqual({
      values: { negativeMarginPct: null, lowMarginPct: 12.5, priceSpikePct: null, competitorUndercutPct: null },
    });
  });

  it('names the field that is not a number', () => {
    expect(parseDraft({ ...draftOf({ negativeMarginPct: 0, lowMarginPct: 5, priceSpikePct: 30, competitorUndercutPct: 10 }), priceSpikePct: 'lots' }))
      .toEqual({ problem: 'Price spike beyond ±: "lots" is not a number' });
  });
});
