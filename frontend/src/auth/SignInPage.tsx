import { useState, type FormEvent } from 'react';
import { signIn, SignInError, type SignedInUser } from './session';

/** The sign-in form: every page but this one needs a signed-in user (docs/api.md, Sign-in and roles). */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: SignedInUser) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await signIn(name.trim(), password));
    } catch (error) {
      setProblem(error instanceof SignInError ? error.message : 'Signing in failed.');
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to the pricing grid</h1>
        <label>Name
          <input name="name" autoComplete="username" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>Password
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </label>
        {problem && <p className="problem" role="alert">{problem}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted">No account? An admin creates one with <code>Pricing.Silo user add</code>.</p>
      </form>
    </main>
  );
}
