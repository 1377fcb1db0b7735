import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { fetchRuleThresholds, setRuleThresholds } from '../api/queries';
import type { GroupThresholds } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { Failure, Loading } from '../ui/States';
import { THRESHOLD_COLUMNS, draftOf, emptyDraft, parseDraft, type ThresholdDraft } from './thresholdForm';

/**
 * The rule thresholds in force, global and per material group. Pricing managers set a group's own; saving starts
 * the recompute that flags the group's SKUs with them (docs/analysts.md, Thresholds).
 */
export function RulesPage() {
  const { can } = useSession();
  const rules = useQuery({ queryKey: ['rules'], queryFn: fetchRuleThresholds });
  const [editing, setEditing] = useState<{ group: string; draft: ThresholdDraft } | null>(null);

  if (rules.isPending) return <Loading what="the thresholds" />;
  if (rules.isError) return <Failure error={rules.error} retry={() => rules.refetch()} />;
  const global = rules.data.find((g) => g.materialGroup === null)!;
  const edit = (g: GroupThresholds) => setEditing({ group: g.materialGroup ?? '', draft: draftOf(g.thresholds) });

  return (
    <div className="rules">
      <div className="toolbar">
        <h1>Rule thresholds</h1>
        {can('PRICING_MANAGER') && <button onClick={() => setEditing({ group: '', draft: emptyDraft() })}>Set a group's thresholds</button>}
      </div>
      <p className="muted">In percent. The global thresholds come from the configuration; a material group may set its own.</p>
      <div className="table-wrap">
        <table className="thresholds">
          <thead>
            <tr><th>Material group</th>{THRESHOLD_COLUMNS.map((c) => <th key={c.key} className="num">{c.label}</th>)}<th /></tr>
          </thead>
          <tbody>
            {rules.data.map((g) => (
              <tr key={g.materialGroup ?? ''} data-group={g.materialGroup ?? 'global'}>
                <td>{g.materialGroup ?? <em>every other group</em>}</td>
                {THRESHOLD_COLUMNS.map((c) => <td key={c.key} className="num">{g.thresholds[c.key]} %</td>)}
                <td>{can('PRICING_MANAGER') && g.materialGroup && <button className="link" onClick={() => edit(g)}>Change</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <ThresholdEditor key={editing.group} group={editing.group} initial={editing.draft} global={global}
          onDone={() => setEditing(null)} />
      )}
    </div>
  );
}

function ThresholdEditor({ group: initialGroup, initial, global, onDone }:
  { group: string; initial: ThresholdDraft; global: GroupThresholds; onDone: () => void }) {
  const client = useQueryClient();
  const [group, setGroup] = useState(initialGroup);
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: Parameters<typeof setRuleThresholds>[1]) => setRuleThresholds(group.trim(), values),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['rules'] });
      void client.invalidateQueries({ queryKey: ['jobs'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDraft(draft);
    if ('problem' in parsed) { setProblem(parsed.problem); return; }
    setProblem(null);
    save.mutate(parsed.values);
  };
  const reset = () => save.mutate({});

  return (
    <form className="filters threshold-editor" onSubmit={submit} aria-label="Set a group's thresholds">
      <label>Material group
        <input value={group} onChange={(e) => setGroup(e.target.value)} required readOnly={initialGroup !== ''} size={10} />
      </label>
      {THRESHOLD_COLUMNS.map((c) => (
        <label key={c.key}>{c.label} (%)
          <input inputMode="decimal" value={draft[c.key]} placeholder={`${global.thresholds[c.key]} as configured`} size={12}
            onChange={(e) => setDraft({ ...draft, [c.key]: e.target.value })} />
        </label>
      ))}
      <div className="filter-actions">
        <button type="submit" disabled={save.isPending}>Save and recompute the group</button>
        {initialGroup && <button type="button" onClick={reset} disabled={save.isPending}>Back to the configuration</button>}
        <button type="button" onClick={onDone}>Close</button>
      </div>
      {problem && <p className="problem" role="alert">{problem}</p>}
      {save.isError && <Failure error={save.error} />}
      {save.data && (
        <p role="status" className="saved">
          Saved for {save.data.materialGroup}: run {save.data.recompute.id} recomputes its SKUs. <Link to="/jobs">Follow it</Link>
        </p>
      )}
    </form>
  );
}
