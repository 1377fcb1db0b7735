import { useEffect, useState } from 'react';
import { REASONS, SEVERITIES } from '../api/types';
import { reasonLabel } from '../ui/Badges';
import { EMPTY_FILTERS, ORDERS, validate, type AnomalyFilters } from './filters';

/** The filters as a form: selects apply at once, text fields on Enter or "Apply"; a fixable mistake is shown, not sent. */
export function FilterBar({ filters, onChange }: { filters: AnomalyFilters; onChange: (f: AnomalyFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(filters), [filters]);

  const apply = (next: AnomalyFilters) => {
    const error = validate(next);
    setProblem(error);
    if (!error) onChange(next);
  };
  const set = (key: keyof AnomalyFilters, immediate = false) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...draft, [key]: e.target.value };
    setDraft(next);
    if (immediate) apply(next);
  };

  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => { e.preventDefault(); apply(draft); }}>
      <label>Reason
        <select aria-label="Reason" value={draft.reason} onChange={set('reason', true)}>
          <option value="">Any</option>
          {REASONS.map((r) => <option key={r} value={r}>{reasonLabel(r)}</option>)}
        </select>
      </label>
      <label>SKU
        <input aria-label="SKU" value={draft.sku} onChange={set('sku')} placeholder="SKU000123 or SKU0001*" />
      </label>
      <label>Sales org
        <input aria-label="Sales org" value={draft.salesOrg} onChange={set('salesOrg')} placeholder="1000" size={6} />
      </label>
      <label>Customer
        <input aria-label="Customer" value={draft.customerId} onChange={set('customerId')} placeholder="C100001" size={9} />
      </label>
      <label>Material group
        <input aria-label="Material group" value={draft.materialGroup} onChange={set('materialGroup')} size={8} />
      </label>
      <label>From
        <input aria-label="From" type="date" value={draft.dtFrom} onChange={set('dtFrom', true)} />
      </label>
      <label>To
        <input aria-label="To" type="date" value={draft.dtTo} onChange={set('dtTo', true)} />
      </label>
      <label>Severity at least
        <select aria-label="Severity at least" value={draft.minSeverity} onChange={set('minSeverity', true)}>
          <option value="">Any</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>ML score at least
        <input aria-label="ML score at least" type="number" min={0} max={1} step={0.01} value={draft.minMlScore} onChange={set('minMlScore')} size={5} />
      </label>
      <label>Order
        <select aria-label="Order" value={draft.order} onChange={set('order', true)}>
          <option value="">Newest first</option>
          {Object.entries(ORDERS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit">Apply</button>
        <button type="button" onClick={() => apply(EMPTY_FILTERS)}>Clear</button>
      </div>
      {problem && <p className="problem" role="alert">{problem}</p>}
    </form>
  );
}
