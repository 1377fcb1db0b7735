import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteAlertSubscription, fetchAlertDeliveries, fetchAlertSubscriptions, saveAlertSubscription, testAlertSubscription } from '../api/queries';
import { ALERT_CHANNELS, REASONS, type AlertSubscription } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { Field } from '../ui/Field';
import { Empty, Failure, Loading } from '../ui/States';
import { TARGET_LABELS, draftOf, emptyDraft, parseDraft, type SubscriptionDraft } from './subscriptionForm';

/**
 * Alert subscriptions and what was delivered (PRICING_MANAGER): which incidents go where, a test message, and each
 * delivery with its tries and last error (docs/analysts.md, Alerts).
 */
export function AlertsPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const allowed = can('PRICING_MANAGER');
  const subscriptions = useQuery({ queryKey: ['alert-subscriptions'], queryFn: fetchAlertSubscriptions, enabled: allowed });
  const deliveries = useQuery({ queryKey: ['alert-deliveries'], queryFn: fetchAlertDeliveries, enabled: allowed, refetchInterval: 15_000 });
  const [editing, setEditing] = useState<{ id: string | null; draft: SubscriptionDraft } | null>(null);
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['alert-subscriptions'] }), client.invalidateQueries({ queryKey: ['alert-deliveries'] })]);
  const test = useMutation({ mutationFn: testAlertSubscription, onSettled: refresh });
  const remove = useMutation({ mutationFn: deleteAlertSubscription, onSettled: refresh });

  if (!allowed) return <Empty>Alert subscriptions are for pricing managers.</Empty>;
  if (subscriptions.isPending) return <Loading what="the alert subscriptions" />;
  if (subscriptions.isError) return <Failure error={subscriptions.error} retry={() => subscriptions.refetch()} />;

  return (
    <div className="alerts">
      <div className="toolbar">
        <h1>Alerts</h1>
        <button onClick={() => setEditing({ id: null, draft: emptyDraft() })}>New subscription</button>
      </div>
      <p className="muted">Each subscription is told of incidents that become new, reopened or escalated and match its filters, once per change; snoozed incidents wait.</p>
      {editing && <SubscriptionForm key={editing.id ?? 'new'} {...editing} onDone={() => { setEditing(null); void refresh(); }} />}
      {test.data && (
        <p role="status" className={test.data.status === 'SENT' ? 'saved' : 'problem'}>
          {test.data.status === 'SENT' ? 'The test message was sent.' : `The test message failed: ${test.data.error} (retried later).`}
        </p>
      )}
      {test.isError && <p role="alert" className="problem">{test.error.message}</p>}
      {subscriptions.data.length === 0 ? <Empty>No subscriptions yet.</Empty> : (
        <div className="table-wrap">
          <table aria-label="Subscriptions">
            <thead><tr><th>Name</th><th>Incidents</th><th>Channel</th><th>Mode</th><th>State</th><th /></tr></thead>
            <tbody>
              {subscriptions.data.map((s) => (
                <tr key={s.id} data-subscription={s.name}>
                  <td>{s.name}</td>
                  <td className="wrap">{describe(s)}</td>
                  <td>{s.channel}<br /><span className="muted wrap">{s.target}</span></td>
                  <td>{s.mode}</td>
                  <td>{s.failing ? <span className="badge severity-critical">failing</span> : s.enabled ? 'enabled' : 'disabled'}</td>
                  <td>
                    <div className="filter-actions">
                      <button onClick={() => test.mutate(s.id)} disabled={test.isPending}>Send test</button>
                      <button onClick={() => setEditing({ id: s.id, draft: draftOf(s) })}>Edit</button>
                      <button onClick={() => window.confirm(`Delete the subscription "${s.name}"?`) && remove.mutate(s.id)}>Delete</button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Deliveries</h2>
      {deliveries.isError ? <Failure error={deliveries.error} retry={() => deliveries.refetch()} /> : !deliveries.data ? <Loading what="the deliveries" /> :
        deliveries.data.length === 0 ? <Empty>Nothing delivered yet.</Empty> : (
          <div className="table-wrap">
            <table aria-label="Deliveries">
              <thead><tr><th>Queued</th><th>Subscription</th><th>Incidents</th><th>Status</th><th>Tries</th><th>Last error</th></tr></thead>
              <tbody>
                {deliveries.data.map((d) => (
                  <tr key={d.id}>
                    <td>{new Date(d.createdAt).toLocaleString()}</td>
                    <td>{d.subscription}{d.test && <span className="badge">test</span>}</td>
                    <td>{d.incidents.length}</td>
                    <td><span className={`badge ${d.status === 'FAILED' ? 'severity-critical' : ''}`}>{d.status}</span></td>
                    <td>{d.attempts}</td>
                    <td className="wrap">{d.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </div>
  );
}

function describe(s: AlertSubscription): string {
  const parts = [s.reasons.length ? s.reasons.join(', ') : 'every reason'];
  if (s.materialGroups.length) parts.push(`groups ${s.materialGroups.join(', ')}`);
  if (s.salesOrgs.length) parts.push(`sales orgs ${s.salesOrgs.join(', ')}`);
  if (s.minSeverity) parts.push(`${s.minSeverity} or worse`);
  if (s.minImpact != null) parts.push(`at least ${s.minImpact} at stake`);
  return parts.join('; ');
}

function SubscriptionForm({ id, draft: initial, onDone }: { id: string | null; draft: SubscriptionDraft; onDone: () => void }) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (input: Exclude<ReturnType<typeof parseDraft>, string>) => saveAlertSubscription(id, input), onSuccess: onDone });
  const set = <K extends keyof SubscriptionDraft>(key: K, value: SubscriptionDraft[K]) => setDraft({ ...draft, [key]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDraft(draft);
    if (typeof parsed === 'string') setProblem(parsed);
    else { setProblem(null); save.mutate(parsed); }
  };
  return (
    <form className="filters subscription-form" onSubmit={submit} aria-label={id ? 'Edit subscription' : 'New subscription'}>
      <Field label="Name"><input value={draft.name} onChange={(e) => set('name', e.target.value)} /></Field>
      <fieldset>
        <legend>Reasons (none: every reason)</legend>
        {REASONS.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={draft.reasons.includes(r)}
              onChange={(e) => set('reasons', e.target.checked ? [...draft.reasons, r] : draft.reasons.filter((x) => x !== r))} /> {r}
          </label>
        ))}
      </fieldset>
      <Field label="Material groups"><input value={draft.materialGroups} placeholder="any" onChange={(e) => set('materialGroups', e.target.value)} /></Field>
      <Field label="Sales orgs"><input value={draft.salesOrgs} placeholder="any" onChange={(e) => set('salesOrgs', e.target.value)} /></Field>
      <Field label="Minimum severity">
        <select value={draft.minSeverity} onChange={(e) => set('minSeverity', e.target.value)}>
          <option value="">any</option>
          {['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => <option key={s}>{s}</option>)}
        </select>
      </Field>
      <Field label="Minimum money at stake"><input inputMode="decimal" value={draft.minImpact} onChange={(e) => set('minImpact', e.target.value)} /></Field>
      <Field label="Channel">
        <select value={draft.channel} onChange={(e) => set('channel', e.target.value as SubscriptionDraft['channel'])}>
          {ALERT_CHANNELS.map((c) => <option key={c}>{c}</option>)}
        </select>
      </Field>
      <Field label={TARGET_LABELS[draft.channel]}><input value={draft.target} onChange={(e) => set('target', e.target.value)} /></Field>
      {draft.channel === 'WEBHOOK' && (
        <Field label={id ? 'Signing secret (empty: keep the current one)' : 'Signing secret'}>
          <input type="password" autoComplete="new-password" value={draft.secret} onChange={(e) => set('secret', e.target.value)} />
        </Field>
      )}
      <Field label="Mode">
        <select value={draft.mode} onChange={(e) => set('mode', e.target.value as SubscriptionDraft['mode'])}>
          <option value="DIGEST">DIGEST: one message after each run</option>
          <option value="IMMEDIATE">IMMEDIATE: one message per incident</option>
        </select>
      </Field>
      <label className="check"><input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled</label>
      {(problem || save.isError) && <p role="alert" className="problem">{problem ?? save.error?.message}</p>}
      <div className="filter-actions">
        <button type="submit" disabled={save.isPending}>Save</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
