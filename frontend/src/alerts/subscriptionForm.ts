import type { AlertChannel, AlertMode, AlertSubscription, AlertSubscriptionInput, Reason } from '../api/types';

/** The subscription form as typed: lists as comma-separated text, numbers as text. */
export interface SubscriptionDraft {
  name: string;
  reasons: Reason[];
  materialGroups: string;
  salesOrgs: string;
  minSeverity: string;
  minImpact: string;
  channel: AlertChannel;
  target: string;
  secret: string;
  mode: AlertMode;
  enabled: boolean;
}

export const emptyDraft = (): SubscriptionDraft => ({
  name: '', reasons: [], materialGroups: '', salesOrgs: '', minSeverity: '', minImpact: '', channel: 'SLACK_WEBHOOK', target: '', secret: '',
  mode: 'DIGEST', enabled: true,
});

export const draftOf = (s: AlertSubscription): SubscriptionDraft => ({
  name: s.name, reasons: s.reasons, materialGroups: s.materialGroups.join(', '), salesOrgs: s.salesOrgs.join(', '), minSeverity: s.minSeverity ?? '',
  minImpact: s.minImpact == null ? '' : String(s.minImpact), channel: s.channel, target: s.target, secret: '', mode: s.mode, enabled: s.enabled,
});

const list = (text: string) => text.split(/[,;]/).map((x) => x.trim()).filter(Boolean);

/** What the target field asks for on each channel. */
export const TARGET_LABELS: Record<AlertChannel, string> = {
  SLACK_WEBHOOK: 'Slack incoming-webhook URL',
  WEBHOOK: 'Webhook URL',
  EMAIL: 'Email addresses (comma-separated)',
};

/** The input to send, or the first problem to show instead (the gateway checks again and names the field). */
export function parseDraft(draft: SubscriptionDraft): AlertSubscriptionInput | string {
  if (!draft.name.trim()) return 'Give the subscription a name.';
  if (!draft.target.trim()) return `Enter the ${TARGET_LABELS[draft.channel].toLowerCase()}.`;
  if (draft.channel !== 'EMAIL' && !/^https?:\/\/\S+$/.test(draft.target.trim())) return 'The URL starts with http:// or https://.';
  if (draft.channel === 'EMAIL' && list(draft.target).some((a) => !/^[^@\s]+@[^@\s]+$/.test(a))) return 'Each address looks like name@example.com.';
  const minImpact = draft.minImpact.trim() === '' ? null : Number(draft.minImpact);
  if (minImpact !== null && !(minImpact >= 0)) return 'The minimum money at stake is a number of at least 0.';
  return {
    name: draft.name.trim(),
    reasons: draft.reasons,
    materialGroups: list(draft.materialGroups),
    salesOrgs: list(draft.salesOrgs),
    minSeverity: draft.minSeverity || null,
    minImpact,
    channel: draft.channel,
    target: draft.target.trim(),
    ...(draft.channel === 'WEBHOOK' && draft.secret ? { secret: draft.secret } : {}),
    mode: draft.mode,
    enabled: draft.enabled,
  };
}
