export const REASONS = ['NEGATIVE_MARGIN', 'LOW_MARGIN', 'PRICE_SPIKE', 'COMPETITOR_UNDERCUT', 'ML_OUTLIER'] as const;
export type Reason = (typeof REASONS)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FeaturePoint {
  sku: string;
  salesOrg: string;
  customerId: string;
  dt: string;
  netPrice: number;
  unitCost: number;
  marginPct: number;
  priceChange7dPct: number | null;
  volatility14dPct: number | null;
  compMinPrice: number | null;
  compDeltaPct: number | null;
  mlScore: number | null;
  modelVersion: number | null;
  topFeature: string | null;
  reasons: Reason[];
  /** Units billed that day, else the daily mean of the last 28 days. */
  quantity: number;
  /** Money at stake in the SKU's currency. */
  impact: number;
  /** The impact in the reporting currency; null without an exchange rate for the day. */
  impactReporting: number | null;
}

/** The rule thresholds in force for a SKU's material group, in percent. */
export interface RuleThresholds {
  negativeMarginPct: number;
  lowMarginPct: number;
  priceSpikePct: number;
  competitorUndercutPct: number;
}

export interface Anomaly extends FeaturePoint {
  id: string;
  severity: Severity;
  thresholds: RuleThresholds;
}

export interface AnomalyPage {
  totalCount: number;
  nodes: Anomaly[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface SkuDetail {
  sku: string;
  description: string;
  materialGroup: string;
  currency: string;
  series: { salesOrg: string; customerId: string; points: FeaturePoint[] }[];
  anomalies: Anomaly[];
  competitors: { competitor: string; dt: string; price: number }[];
}

export interface JobRun {
  id: string;
  kind: string;
  mode: 'INCREMENTAL' | 'FULL';
  trigger: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  stage: 'FEATURES' | 'TRAIN' | 'SCORE' | 'FINISH' | 'DONE' | null;
  skusDone: number;
  skusTotal: number;
  rowsRead: number;
  rowsRejected: number;
  featureRowsWritten: number;
  anomaliesFound: number;
  modelVersion: number | null;
  error: string | null;
}

export interface RejectedRow {
  table: string;
  sku: string;
  salesOrg: string | null;
  customerId: string | null;
  competitor: string | null;
  dt: string;
  reason: string;
  jobId: string | null;
  cursor: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  userName: string;
  action: string;
  subject: string;
}

export interface AuditLogPage {
  nodes: AuditEntry[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The thresholds in force for a material group; materialGroup null for the global ones. */
export interface GroupThresholds {
  materialGroup: string | null;
  thresholds: RuleThresholds;
}

export interface ThresholdChange {
  materialGroup: string;
  before: RuleThresholds;
  after: RuleThresholds;
  recompute: JobRun;
}

export const INCIDENT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentEvent {
  at: string;
  /** A user, a token, or "pipeline" when a run reopened it. */
  actor: string;
  kind: 'STATUS' | 'ASSIGNEE' | 'COMMENT' | 'REOPENED';
  from: string | null;
  to: string | null;
  text: string | null;
}

/** One problem: the anomaly rows of one series and one reason, a few days apart at most. */
export interface Incident {
  id: string;
  sku: string;
  salesOrg: string;
  customerId: string;
  reason: Reason;
  firstDt: string;
  lastDt: string;
  days: number;
  ongoing: boolean;
  maxSeverity: Severity;
  impact: number;
  impactReporting: number | null;
  status: IncidentStatus;
  assignee: string | null;
}

export interface IncidentWithHistory extends Incident {
  comments: IncidentEvent[];
  history: IncidentEvent[];
}

export interface IncidentPage {
  totalCount: number;
  nodes: Incident[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type ImpactGroupBy = 'MATERIAL_GROUP' | 'SALES_ORG' | 'REASON';

export interface ImpactGroup {
  key: string;
  incidents: number;
  openIncidents: number;
  impactReporting: number;
}

export const ALERT_CHANNELS = ['SLACK_WEBHOOK', 'WEBHOOK', 'EMAIL'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
export type AlertMode = 'IMMEDIATE' | 'DIGEST';
export type AlertDeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

export interface AlertSubscription {
  id: string;
  name: string;
  reasons: Reason[];
  materialGroups: string[];
  salesOrgs: string[];
  minSeverity: string | null;
  minImpact: number | null;
  channel: AlertChannel;
  target: string;
  hasSecret: boolean;
  mode: AlertMode;
  enabled: boolean;
  failing: boolean;
  createdBy: string;
}

/** What the form sends: a secret only when one is typed (an update without one keeps the stored secret). */
export type AlertSubscriptionInput = Omit<AlertSubscription, 'id' | 'hasSecret' | 'failing' | 'createdBy'> & { secret?: string };

export interface AlertDelivery {
  id: string;
  subscriptionId: string;
  subscription: string;
  channel: AlertChannel;
  incidents: string[];
  attempts: number;
  status: AlertDeliveryStatus;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  test: boolean;
}
