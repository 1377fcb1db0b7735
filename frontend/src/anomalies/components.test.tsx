import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Anomaly } from '../api/types';
import { AnomalyTable, sortRows } from './AnomalyTable';
import { DetailPanel } from './DetailPanel';
import { FilterBar } from './FilterBar';
import { EMPTY_FILTERS } from './filters';

const anomaly = (id: string, over: Partial<Anomaly> = {}): Anomaly => ({
  id, sku: `SKU00000${id}`, salesOrg: '1000', customerId: 'C100001', dt: '2026-11-20', netPrice: 10, unitCost: 11, marginPct: -10,
  priceChange7dPct: 2, volatility14dPct: 1, compMinPrice: 9, compDeltaPct: 11, mlScore: 0.5, modelVersion: 2, topFeature: 'margin_pct',
  reasons: ['NEGATIVE_MARGIN'], severity: 'CRITICAL', quantity: 4, impact: 12.5, impactReporting: 13.75,
  thresholds: { negativeMarginPct: 0, lowMarginPct: 5, priceSpikePct: 30, competitorUndercutPct: 10 }, ...over,
});

describe('FilterBar', () => {
  it('applies a reason at once and text filters on Enter', async () => {
    const onChange = vi.fn();
    render(<FilterBar filters={EMPTY_FILTERS} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Reason'), 'PRICE_SPIKE');
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, reason: 'PRICE_SPIKE' });
    await userEvent.type(screen.getByLabelText('SKU'), 'SKU0001*{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, reason: 'PRICE_SPIKE', sku: 'SKU0001*' });
  });

  it('shows a date range mistake instead of sending it', async () => {
    const onChange = vi.fn();
    render(<FilterBar filters={{ ...EMPTY_FILTERS, dtFrom: '2026-05-02' }} onChange={onChange} />);
    const to = screen.getByLabelText('To');
    await userEvent.type(to, '2026-05-01');
    expect(screen.getByRole('alert')).toHaveTextContent('after');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('AnomalyTable', () => {
  it('lists rows with severity and reasons and selects one by click or keyboard', async () => {
    const onSelect = vi.fn();
    render(<AnomalyTable rows={[anomaly('1'), anomaly('2', { reasons: ['PRICE_SPIKE', 'ML_OUTLIER'], severity: 'HIGH' })]} selectedId={null} onSelect={onSelect} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[1]).getByText('HIGH')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Price spike')).toBeInTheDocument();
    await userEvent.click(rows[0]);
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: '1' }));
    rows[1].focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(expect.objectContaining({ id: '2' }));
  });

  it('sorts the loaded rows by a column, descending first, nulls last', async () => {
    const rows = [anomaly('1', { mlScore: 0.2 }), anomaly('2', { mlScore: null }), anomaly('3', { mlScore: 0.9 })];
    expect(sortRows(rows, { key: 'mlScore', descending: true }).map((r) => r.id)).toEqual(['3', '1', '2']);
    expect(sortRows(rows, { key: 'mlScore', descending: false }).map((r) => r.id)).toEqual(['1', '3', '2']);
    render(<AnomalyTable rows={rows} selectedId={null} onSelect={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'ML score' }));
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('SKU000003');
  });

  it('shows the money at stake in the reporting currency and sorts by it', async () => {
    const rows = [anomaly('1', { impactReporting: 5 }), anomaly('2', { impactReporting: null }), anomaly('3', { impactReporting: 250 })];
    render(<AnomalyTable rows={rows} selectedId={null} onSelect={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'At stake' }));
    const shown = screen.getAllByRole('row').slice(1);
    expect(shown[0]).toHaveTextContent('250.00');
    expect(shown[2]).toHaveTextContent('SKU000002');
  });
});

describe('DetailPanel', () => {
  it('explains each reason, shows every feature, the top feature and the model version', () => {
    render(
      <MemoryRouter>
        <DetailPanel anomaly={anomaly('1', { reasons: ['NEGATIVE_MARGIN', 'ML_OUTLIER'], mlScore: 0.997 })} onClose={() => {}} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Margin -10.0 % is below 0 %/)).toBeInTheDocument();
    expect(screen.getByText(/ML score 0.997 is above model 2's threshold/)).toBeInTheDocument();
    expect(screen.getByText('Top contributing feature').nextSibling).toHaveTextContent('margin_pct');
    expect(screen.getByText('14-day volatility')).toBeInTheDocument();
    expect(screen.getByText('Money at stake').nextSibling).toHaveTextContent('12.50');
    expect(screen.getByText('Money at stake, reporting currency').nextSibling).toHaveTextContent('13.75');
    expect(screen.getByText('Units billed (or daily mean)').nextSibling).toHaveTextContent('4');
    expect(screen.getByRole('link', { name: /price history/ })).toHaveAttribute('href', '/sku/SKU000001?series=1000/C100001');
  });

  it("explains a reason with its material group's threshold, as the API returned it", () => {
    const thresholds = { negativeMarginPct: -2, lowMarginPct: 12, priceSpikePct: 30, competitorUndercutPct: 10 };
    render(
      <MemoryRouter>
        <DetailPanel anomaly={anomaly('2', { reasons: ['LOW_MARGIN'], marginPct: 8, severity: 'MEDIUM', thresholds })} onClose={() => {}} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Margin 8.0 % is below 12 %\./)).toBeInTheDocument();
  });
});
