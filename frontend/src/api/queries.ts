import { gql } from './graphql';
import type {
  AlertDelivery, AlertSubscription, AlertSubscriptionInput,
  AnomalyPage, AuditLogPage, GroupThresholds, ImpactGroup, ImpactGroupBy, IncidentPage, IncidentStatus, IncidentWithHistory, JobRun, Reason,
  RejectedRow, RuleThresholds, SkuDetail, ThresholdChange,
} from './types';
import type { IncidentFilters } from '../incidents/filters';
import { toVariables as incidentVariables } from '../incidents/filters';
import type { AnomalyFilters } from '../anomalies/filters';
import { toVariables } from '../anomalies/filters';

const FEATURE_FIELDS = `sku salesOrg customerId dt netPrice unitCost marginPct priceChange7dPct volatility14dPct
  compMinPrice compDeltaPct mlScore modelVersion topFeature reasons quantity impact impactReporting`;

const ANOMALY_FIELDS = `id severity ${FEATURE_FIELDS} thresholds { negativeMarginPct lowMarginPct priceSpikePct competitorUndercutPct }`;

export const PAGE_SIZE = 50;

export function fetchAnomalies(filters: AnomalyFilters, after: string | null) {
  return gql<{ anomalies: AnomalyPage }>(
    `query Anomalies($reason: AnomalyReason, $sku: String, $skuPrefix: String, $salesOrg: String, $customerId: String,
        $materialGroup: String, $dtFrom: Date, $dtTo: Date, $minSeverity: Severity, $minMlScore: Float, $orderBy: AnomalyOrder,
        $first: Int, $after: String) {
      anomalies(reason: $reason, sku: $sku, skuPrefix: $skuPrefix, salesOrg: $salesOrg, customerId: $customerId,
          materialGroup: $materialGroup, dtFrom: $dtFrom, dtTo: $dtTo, minSeverity: $minSeverity, minMlScore: $minMlScore,
          orderBy: $orderBy, first: $first, after: $after) {
        totalCount nodes { ${ANOMALY_FIELDS} } pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...toVariables(filters), first: PAGE_SIZE, after },
  ).then((d) => d.anomalies);
}

export function fetchReasonCounts(filters: AnomalyFilters) {
  return gql<{ anomalyReasons: { reason: Reason; count: number }[] }>(
    `query Reasons($dtFrom: Date, $dtTo: Date) { anomalyReasons(dtFrom: $dtFrom, dtTo: $dtTo) { reason count } }`,
    { dtFrom: filters.dtFrom || null, dtTo: filters.dtTo || null },
  ).then((d) => d.anomalyReasons);
}

export function fetchSkuDetail(sku: string, days: number) {
  return gql<{ skuDetail: SkuDetail }>(
    `query Sku($sku: String!, $days: Int) {
      skuDetail(sku: $sku, days: $days) {
        sku description materialGroup currency
        series { salesOrg customerId points { ${FEATURE_FIELDS} } }
        anomalies { ${ANOMALY_FIELDS} }
        competitors { competitor dt price }
      }
    }`,
    { sku, days },
  ).then((d) => d.skuDetail);
}

const JOB_FIELDS = `id kind mode trigger status createdAt startedAt finishedAt durationSeconds stage skusDone skusTotal
  rowsRead rowsRejected featureRowsWritten anomaliesFound modelVersion error`;

export function fetchJobs() {
  return gql<{ jobs: JobRun[] }>(`{ jobs(first: 50) { ${JOB_FIELDS} } }`).then((d) => d.jobs);
}

export function runPipeline(mode: 'INCREMENTAL' | 'FULL') {
  return gql<{ runPipeline: JobRun }>(`mutation Run($mode: PipelineMode) { runPipeline(mode: $mode) { ${JOB_FIELDS} } }`, { mode }).then(
    (d) => d.runPipeline,
  );
}

export function recomputeSku(sku: string) {
  return gql<{ recomputeSku: JobRun }>(`mutation Recompute($sku: String!) { recomputeSku(sku: $sku) { ${JOB_FIELDS} } }`, { sku }).then(
    (d) => d.recomputeSku,
  );
}

export function fetchRejectedRows(jobId: string, after: string | null) {
  return gql<{ rejectedRows: RejectedRow[] }>(
    `query Rejected($jobId: ID, $after: String) { rejectedRows(jobId: $jobId, first: 100, after: $after) {
      table sku salesOrg customerId competitor dt reason jobId cursor } }`,
    { jobId, after },
  ).then((d) => d.rejectedRows);
}

export function fetchAuditLog(after: string | null) {
  return gql<{ auditLog: AuditLogPage }>(
    `query Audit($after: String) { auditLog(first: 100, after: $after) {
      nodes { id at userName action subject } pageInfo { hasNextPage endCursor } } }`,
    { after },
  ).then((d) => d.auditLog);
}

const THRESHOLD_FIELDS = 'negativeMarginPct lowMarginPct priceSpikePct competitorUndercutPct';

export function fetchRuleThresholds() {
  return gql<{ ruleThresholds: GroupThresholds[] }>(`{ ruleThresholds { materialGroup thresholds { ${THRESHOLD_FIELDS} } } }`).then(
    (d) => d.ruleThresholds,
  );
}

/** Sets a group's thresholds (a null one follows the configuration) and starts the recompute that applies them. */
export function setRuleThresholds(materialGroup: string, values: Partial<Record<keyof RuleThresholds, number | null>>) {
  return gql<{ setRuleThresholds: ThresholdChange }>(
    `mutation Set($materialGroup: String!, $negativeMarginPct: Float, $lowMarginPct: Float, $priceSpikePct: Float, $competitorUndercutPct: Float) {
      setRuleThresholds(materialGroup: $materialGroup, negativeMarginPct: $negativeMarginPct, lowMarginPct: $lowMarginPct,
          priceSpikePct: $priceSpikePct, competitorUndercutPct: $competitorUndercutPct) {
        materialGroup before { ${THRESHOLD_FIELDS} } after { ${THRESHOLD_FIELDS} } recompute { ${JOB_FIELDS} }
      }
    }`,
    { materialGroup, ...values },
  ).then((d) => d.setRuleThresholds);
}

const INCIDENT_FIELDS = 'id sku salesOrg customerId reason firstDt lastDt days ongoing maxSeverity impact impactReporting status assignee';
const EVENT_FIELDS = 'at actor kind from to text';
const INCIDENT_DETAIL = `${INCIDENT_FIELDS} comments { ${EVENT_FIELDS} } history { ${EVENT_FIELDS} }`;

export function fetchIncidents(filters: IncidentFilters, after: string | null) {
  return gql<{ incidents: IncidentPage }>(
    `query Incidents($status: IncidentStatus, $reason: AnomalyReason, $sku: String, $skuPrefix: String, $salesOrg: String, $customerId: String,
        $materialGroup: String, $minSeverity: Severity, $minImpact: Float, $ongoing: Boolean, $dtFrom: Date, $dtTo: Date, $assignee: String,
        $orderBy: IncidentOrder, $first: Int, $after: String) {
      incidents(status: $status, reason: $reason, sku: $sku, skuPrefix: $skuPrefix, salesOrg: $salesOrg, customerId: $customerId,
          materialGroup: $materialGroup, minSeverity: $minSeverity, minImpact: $minImpact, ongoing: $ongoing, dtFrom: $dtFrom, dtTo: $dtTo,
          assignee: $assignee, orderBy: $orderBy, first: $first, after: $after) {
        totalCount nodes { ${INCIDENT_FIELDS} } pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...incidentVariables(filters), first: PAGE_SIZE, after },
  ).then((d) => d.incidents);
}

export function fetchIncident(id: string) {
  return gql<{ incident: IncidentWithHistory | null }>(`query Incident($id: ID!) { incident(id: $id) { ${INCIDENT_DETAIL} } }`, { id })
    .then((d) => d.incident);
}

export function fetchImpactSummary(dtFrom: string, dtTo: string, groupBy: ImpactGroupBy) {
  return gql<{ impactSummary: ImpactGroup[] }>(
    `query Impact($dtFrom: Date, $dtTo: Date, $groupBy: ImpactGroupBy) {
      impactSummary(dtFrom: $dtFrom, dtTo: $dtTo, groupBy: $groupBy) { key incidents openIncidents impactReporting } }`,
    { dtFrom: dtFrom || null, dtTo: dtTo || null, groupBy },
  ).then((d) => d.impactSummary);
}

export function setIncidentStatus(id: string, status: IncidentStatus, note: string | null) {
  return gql<{ setIncidentStatus: IncidentWithHistory }>(
    `mutation Status($id: ID!, $status: IncidentStatus!, $note: String) { setIncidentStatus(id: $id, status: $status, note: $note) { ${INCIDENT_DETAIL} } }`,
    { id, status, note },
  ).then((d) => d.setIncidentStatus);
}

export function assignIncident(id: string, assignee: string | null) {
  return gql<{ assignIncident: IncidentWithHistory }>(
    `mutation Assign($id: ID!, $assignee: String) { assignIncident(id: $id, assignee: $assignee) { ${INCIDENT_DETAIL} } }`,
    { id, assignee },
  ).then((d) => d.assignIncident);
}

export function commentIncident(id: string, text: string) {
  return gql<{ commentIncident: IncidentWithHistory }>(
    `mutation Comment($id: ID!, $text: String!) { commentIncident(id: $id, text: $text) { ${INCIDENT_DETAIL} } }`,
    { id, text },
  ).then((d) => d.commentIncident);
}

const SUBSCRIPTION = 'id name reasons materialGroups salesOrgs minSeverity minImpact channel target hasSecret mode enabled failing createdBy';
const DELIVERY = 'id subscriptionId subscription channel incidents attempts status error createdAt sentAt test';

export function fetchAlertSubscriptions() {
  return gql<{ alertSubscriptions: AlertSubscription[] }>(`{ alertSubscriptions { ${SUBSCRIPTION} } }`).then((d) => d.alertSubscriptions);
}

export function saveAlertSubscription(id: string | null, input: AlertSubscriptionInput) {
  return id === null
    ? gql<{ createAlertSubscription: AlertSubscription }>(
        `mutation Create($input: AlertSubscriptionInput!) { createAlertSubscription(input: $input) { ${SUBSCRIPTION} } }`, { input },
      ).then((d) => d.createAlertSubscription)
    : gql<{ updateAlertSubscription: AlertSubscription }>(
        `mutation Update($id: ID!, $input: AlertSubscriptionInput!) { updateAlertSubscription(id: $id, input: $input) { ${SUBSCRIPTION} } }`, { id, input },
      ).then((d) => d.updateAlertSubscription);
}

export function deleteAlertSubscription(id: string) {
  return gql<{ deleteAlertSubscription: boolean }>('mutation Delete($id: ID!) { deleteAlertSubscription(id: $id) }', { id });
}

export function testAlertSubscription(id: string) {
  return gql<{ testAlertSubscription: AlertDelivery }>(`mutation Test($id: ID!) { testAlertSubscription(id: $id) { ${DELIVERY} } }`, { id })
    .then((d) => d.testAlertSubscription);
}

export function fetchAlertDeliveries() {
  return gql<{ alertDeliveries: AlertDelivery[] }>(`{ alertDeliveries(first: 100) { ${DELIVERY} } }`).then((d) => d.alertDeliveries);
}
