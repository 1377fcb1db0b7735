import type { Reason, Severity } from '../api/types';

const REASON_LABELS: Record<Reason, string> = {
  NEGATIVE_MARGIN: 'Negative margin',
  LOW_MARGIN: 'Low margin',
  PRICE_SPIKE: 'Price spike',
  COMPETITOR_UNDERCUT: 'Competitor undercut',
  ML_OUTLIER: 'ML outlier',
};

export const reasonLabel = (reason: Reason) => REASON_LABELS[reason];

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity.toLowerCase()}`}>{severity}</span>;
}

export function ReasonChip({ reason }: { reason: Reason }) {
  return <span className={`chip reason-${reason.toLowerCase()}`}>{reasonLabel(reason)}</span>;
}
