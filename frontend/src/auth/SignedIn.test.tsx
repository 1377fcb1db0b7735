import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { gql } from '../api/graphql';
import { useSession } from './SessionContext';
import { SignedIn } from './SignedIn';

// The gateway as the browser sees it, answering like docs/api.md (Sign-in and roles) says.
function gateway(calls: { url: string; init?: RequestInit }[]) {
  let signedIn = false;
  return vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url === '/api/auth/me') return signedIn ? json(200, { name: 'ana', role: 'ANALYST', csrfToken: 'token-1' }) : json(401, { error: 'UNAUTHENTICATED' });
    if (url === '/api/auth/sign-in') {
      const { password } = JSON.parse(String(init?.body));
      if (password !== 'right') return json(401, { error: 'SIGN_IN_FAILED' });
      signedIn = true;
      return json(200, { name: 'ana', role: 'ANALYST', csrfToken: 'token-1' });
    }
    if (url === '/api/auth/sign-out') { signedIn = false; return new Response(null, { status: 204 }); }
    if (url === '/graphql') return signedIn ? json(200, { data: { ok: true } }) : json(401, { errors: [{ message: 'sign in', extensions: { code: 'UNAUTHENTICATED' } }] });
    return json(404, {});
  });
}

function Probe() {
  const { user, can, signOut } = useSession();
  return (
    <div>
      <p>{user.name} acts as {user.role}</p>
      {can('PRICING_MANAGER') ? <button>Run</button> : <p>no runs</p>}
      <button onClick={() => gql('{ ok }').catch(() => {})}>Query</button>
      <button onClick={signOut}>Sign out</button>
    </div>
  );
}

const renderApp = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SignedIn><Probe /></SignedIn>
    </QueryClientProvider>,
  );

describe('SignedIn', () => {
  it('asks for a password, then shows the user and sends the anti-forgery token with every post', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    vi.stubGlobal('fetch', gateway(calls));
    renderApp();
    await userEvent.type(await screen.findByLabelText('Name'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong name or password');

    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'right{Enter}');
    expect(await screen.findByText('ana acts as ANALYST')).toBeInTheDocument();
    expect(screen.getByText('no runs')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Query' }));
    const post = calls.filter((c) => c.url === '/graphql').pop();
    expect((post?.init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-1');

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    vi.unstubAllGlobals();
  });

  it('goes back to the sign-in page when the session ends mid-use', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetch = gateway(calls);
    vi.stubGlobal('fetch', fetch);
    renderApp();
    await userEvent.type(await screen.findByLabelText('Name'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'right{Enter}');
    await screen.findByText('ana acts as ANALYST');
    await fetch('/api/auth/sign-out', { method: 'POST' }); // the session ends elsewhere (another tab, expiry)
    await userEvent.click(screen.getByRole('button', { name: 'Query' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    vi.unstubAllGlobals();
  });
});
