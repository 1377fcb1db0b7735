import { useEffect, useState } from 'react';

/**
 * A filter form's draft: selects apply at once, text fields when the form is submitted; a mistake the user can fix
 * (<paramref name="validate"/>) is shown instead of sent.
 */
export function useDraftFilters<F extends object>(filters: F, validate: (f: F) => string | null, onChange: (f: F) => void) {
  const [draft, setDraft] = useState(filters);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(filters), [filters]);

  const apply = (next: F) => {
    const error = validate(next);
    setProblem(error);
    if (!error) onChange(next);
  };
  const set = (key: keyof F, immediate = false) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...draft, [key]: e.target.value };
    setDraft(next);
    if (immediate) apply(next);
  };
  return { draft, problem, apply, set };
}
