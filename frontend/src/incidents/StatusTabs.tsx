import { INCIDENT_STATUSES, type IncidentStatus } from '../api/types';

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved', DISMISSED: 'Dismissed',
};

/** Where analysts are with the incidents: one tab per status, and all of them. */
export function StatusTabs({ status, onChange }: { status: IncidentStatus | ''; onChange: (s: IncidentStatus | '') => void }) {
  const tabs: [IncidentStatus | '', string][] = [...INCIDENT_STATUSES.map((s) => [s, STATUS_LABELS[s]] as [IncidentStatus, string]), ['', 'All']];
  return (
    <div className="tabs" role="tablist" aria-label="Status">
      {tabs.map(([value, label]) => (
        <button key={label} role="tab" aria-selected={status === value} className={status === value ? 'active' : undefined} onClick={() => onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}
