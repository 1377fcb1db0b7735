import { REASONS, SEVERITIES } from '../api/types';
import { reasonLabel } from '../ui/Badges';
import { Field } from '../ui/Field';
import { useDraftFilters } from '../ui/useDraftFilters';
import { EMPTY_FILTERS, ORDERS, validate, type AnomalyFilters } from './filters';

/** The filters as a form: selects apply at once, text fields on Enter or "Apply"; a fixable mistake is shown, not sent. */
export function FilterBar({ filters, onChange }: { filters: AnomalyFilters; onChange: (f: AnomalyFilters) => void }) {
  const { draft, problem, apply, set } = useDraftFilters(filters, validate, onChange);

  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => { e.preventDefault(); apply(draft); }}>
      <Field label="Reason">
        <select value={draft.reason} onChange={set('reason', true)}>
          <option value="">Any</option>
          {REASONS.map((r) => <option key={r} value={r}>{reasonLabel(r)}</option>)}
        </select>
      </Field>
      <Field label="SKU">
        <input value={draft.sku} onChange={set('sku')} placeholder="SKU000123 or SKU0001*" />
      </Field>
      <Field label="Sales org">
        <input value={draft.salesOrg} onChange={set('salesOrg')} placeholder="1000" size={6} />
      </Field>
      <Field label="Customer">
        <input value={draft.customerId} onChange={set('customerId')} placeholder="C100001" size={9} />
      </Field>
      <Field label="Material group">
        <input value={draft.materialGroup} onChange={set('materialGroup')} size={8} />
      </Field>
      <Field label="From">
        <input type="date" value={draft.dtFrom} onChange={set('dtFrom', true)} />
      </Field>
      <Field label="To">
        <input type="date" value={draft.dtTo} onChange={set('dtTo', true)} />
      </Field>
      <Field label="Severity at least">
        <select value={draft.minSeverity} onChange={set('minSeverity', true)}>
          <option value="">Any</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </Field>
      <Field label="ML score at least">
        <input type="number" min={0} max={1} step={0.01} value={draft.minMlScore} onChange={set('minMlScore')} size={5} />
      </Field>
      <Field label="Order">
        <select value={draft.order} onChange={set('order', true)}>
          <option value="">Newest first</option>
          {Object.entries(ORDERS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <div className="filter-actions">
        <button type="submit">Apply</button>
        <button type="button" onClick={() => apply(EMPTY_FILTERS)}>Clear</button>
      </div>
      {problem && <p className="problem" role="alert">{problem}</p>}
    </form>
  );
}

