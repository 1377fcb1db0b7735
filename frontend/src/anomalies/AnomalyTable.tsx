import { useMemo, useState } from 'react';
import type { Anomaly } from '../api/types';
import { ReasonChip, SeverityBadge } from '../ui/Badges';
import { money, pct, score } from '../ui/format';

const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

interface Column {
  key: string;
  label: string;
  value: (a: Anomaly) => string | number | null;
  render?: (a: Anomaly) => React.ReactNode;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'dt', label: 'Date', value: (a) => a.dt },
  { key: 'severity', label: 'Severity', value: (a) => SEVERITY_RANK[a.severity], render: (a) => <SeverityBadge severity={a.severity} /> },
  { key: 'sku', label: 'SKU', value: (a) => a.sku },
  { key: 'salesOrg', label: 'Sales org', value: (a) => a.salesOrg },
  { key: 'customerId', label: 'Customer', value: (a) => a.customerId },
  { key: 'reasons', label: 'Reasons', value: (a) => a.reasons.join(), render: (a) => a.reasons.map((r) => <ReasonChip key={r} reason={r} />) },
  { key: 'netPrice', label: 'Price', value: (a) => a.netPrice, render: (a) => money(a.netPrice), numeric: true },
  { key: 'marginPct', label: 'Margin', value: (a) => a.marginPct, render: (a) => pct(a.marginPct), numeric: true },
  { key: 'priceChange7dPct', label: '7-day change', value: (a) => a.priceChange7dPct, render: (a) => pct(a.priceChange7dPct), numeric: true },
  { key: 'compDeltaPct', label: 'vs. competitor', value: (a) => a.compDeltaPct, render: (a) => pct(a.compDeltaPct), numeric: true },
  { key: 'impactReporting', label: 'At stake', value: (a) => a.impactReporting, render: (a) => money(a.impactReporting), numeric: true },
  { key: 'mlScore', label: 'ML score', value: (a) => a.mlScore, render: (a) => score(a.mlScore), numeric: true },
];

type Sort = { key: string; descending: boolean } | null;

/** Sorts the loaded rows without changing what is loaded (the server pages in date order). Nulls last. */
export function sortRows(rows: Anomaly[], sort: Sort): Anomaly[] {
  if (!sort) return rows;
  const column = COLUMNS.find((c) => c.key === sort.key)!;
  return [...rows].sort((x, y) => {
    const a = column.value(x), b = column.value(y);
    if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
    const order = a < b ? -1 : a > b ? 1 : 0;
    return sort.descending ? -order : order;
  });
}

export function AnomalyTable({ rows, selectedId, onSelect }: { rows: Anomaly[]; selectedId: string | null; onSelect: (a: Anomaly) => void }) {
  const [sort, setSort] = useState<Sort>(null);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const toggle = (key: string) =>
    setSort((s) => (s?.key !== key ? { key, descending: true } : s.descending ? { key, descending: false } : null));

  return (
    <div className="table-wrap">
      <table className="anomalies">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : undefined}
                aria-sort={sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button className="sort" onClick={() => toggle(c.key)}>
                  {c.label}{sort?.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.id} tabIndex={0} className={a.id === selectedId ? 'selected' : undefined} aria-selected={a.id === selectedId}
              onClick={() => onSelect(a)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(a); } }}>
              {COLUMNS.map((c) => <td key={c.key} className={c.numeric ? 'num' : undefined}>{c.render ? c.render(a) : c.value(a)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
