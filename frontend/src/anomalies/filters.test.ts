import { EMPTY_FILTERS, fromSearchParams, toExportQuery, toSearchParams, toVariables, validate } from './filters';

describe('anomaly filters', () => {
  it('round-trip through the URL and drop unknown values', () => {
    const filters = { ...EMPTY_FILTERS, reason: 'PRICE_SPIKE' as const, sku: 'SKU0001*', dtFrom: '2026-01-01', minSeverity: 'HIGH' as const, order: 'ML_SCORE_DESC' as const };
    expect(fromSearchParams(toSearchParams(filters))).toEqual(filters);
    expect(fromSearchParams(new URLSearchParams('reason=CHEAP&minSeverity=URGENT')).reason).toBe('');
    expect(fromSearchParams(new URLSearchParams('order=PRICE')).order).toBe('');
    expect(toVariables({ ...EMPTY_FILTERS, order: 'SEVERITY_DESC' }).orderBy).toBe('SEVERITY_DESC');
    expect(toSearchParams(EMPTY_FILTERS).toString()).toBe('');
  });

  it('turn a trailing * into a SKU prefix', () => {
    expect(toVariables({ ...EMPTY_FILTERS, sku: 'SKU0001*' })).toMatchObject({ sku: null, skuPrefix: 'SKU0001' });
    expect(toVariables({ ...EMPTY_FILTERS, sku: 'SKU000123' })).toMatchObject({ sku: 'SKU000123', skuPrefix: null });
  });

  it('catch what the gateway would refuse before sending it', () => {
    expect(validate({ ...EMPTY_FILTERS, dtFrom: '2026-05-02', dtTo: '2026-05-01' })).toMatch(/after/);
    expect(validate({ ...EMPTY_FILTERS, minMlScore: '1.5' })).toMatch(/0 to 1/);
    expect(validate({ ...EMPTY_FILTERS, minMlScore: '0.9', dtFrom: '2026-05-01', dtTo: '2026-05-01' })).toBeNull();
  });

  it('give the export the same filters in snake_case', () => {
    expect(toExportQuery({ ...EMPTY_FILTERS, reason: 'LOW_MARGIN', sku: 'SKU00*', salesOrg: '1000', minMlScore: '0.5' })).toBe(
      'reason=LOW_MARGIN&sku_prefix=SKU00&sales_org=1000&min_ml_score=0.5',
    );
  });
});
