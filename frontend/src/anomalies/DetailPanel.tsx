import { Link } from 'react-router-dom';
import type { Anomaly } from '../api/types';
import { ReasonChip, SeverityBadge } from '../ui/Badges';
import { money, pct, score, units } from '../ui/format';
import { explain } from './rules';

/** Everything about one anomaly: its features, why each reason fired, what the model saw, and where to dig further. */
export function DetailPanel({ anomaly, onClose }: { anomaly: Anomaly; onClose: () => void }) {
  const features: [string, string][] = [
    ['Net price', money(anomaly.netPrice)],
    ['Unit cost', money(anomaly.unitCost)],
    ['Margin', pct(anomaly.marginPct)],
    ['7-day price change', pct(anomaly.priceChange7dPct)],
    ['14-day volatility', pct(anomaly.volatility14dPct)],
    ['Cheapest competitor', money(anomaly.compMinPrice)],
    ['Our price vs. competitor', pct(anomaly.compDeltaPct)],
    ['Units billed (or daily mean)', units(anomaly.quantity)],
    ['Money at stake', money(anomaly.impact)],
    ['Money at stake, reporting currency', money(anomaly.impactReporting)],
    ['ML score', score(anomaly.mlScore)],
    ['Top contributing feature', anomaly.topFeature ?? '—'],
    ['Model version', anomaly.modelVersion?.toString() ?? '—'],
  ];
  return (
    <aside className="detail" aria-label="Anomaly detail">
      <header>
        <h2>{anomaly.sku} <SeverityBadge severity={anomaly.severity} /></h2>
        <button onClick={onClose} aria-label="Close detail">×</button>
      </header>
      <p>Sales org {anomaly.salesOrg}, customer {anomaly.customerId}, {anomaly.dt}</p>
      <h3>Why it was flagged</h3>
      <ul className="why">
        {explain(anomaly).map(({ reason, text }) => (
          <li key={reason}><ReasonChip reason={reason} /> {text}</li>
        ))}
      </ul>
      <h3>Features</h3>
      <dl>
        {features.map(([label, value]) => (
          <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      <Link className="button" to={`/sku/${encodeURIComponent(anomaly.sku)}?series=${anomaly.salesOrg}/${anomaly.customerId}`}>
        Open the SKU's price history
      </Link>
    </aside>
  );
}
