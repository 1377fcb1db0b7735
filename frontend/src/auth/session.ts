import type { Role } from './roles';

/** Who is signed in, as GET /api/auth/me and POST /api/auth/sign-in answer (docs/api.md, Sign-in and roles). */
export interface SignedInUser {
  name: string;
  role: Role;
  csrfToken: string | null;
}

// The session's anti-forgery token: every POST the page makes carries it, so a page on another site that makes the
// browser post with our cookie is refused. It lives in memory only; a reload gets it again from /api/auth/me.
let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Called when the gateway answers 401: the session ended (expired, signed out in another tab, user changed). */
export function sessionExpired() {
  csrfToken = null;
  expiredListeners.forEach((listener) => listener());
}

export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

function remember(user: SignedInUser): SignedInUser {
  csrfToken = user.csrfToken;
  return user;
}

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<SignedInUser | null> {
  const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`The gateway answered ${response.status}`);
  return remember(await response.json());
}

export class SignInError extends Error {}

export async function signIn(name: string, password: string): Promise<SignedInUser> {
  let response: Response;
  try {
    response = await fetch('/api/auth/sign-in', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    throw new SignInError('The gateway cannot be reached. Is it running?');
  }
  if (response.status === 401) throw new SignInError('Wrong name or password. After five failures in a row the user is locked out for 15 minutes.');
  if (response.status === 429) throw new SignInError('Too many sign-ins from here: wait a minute and try again.');
  if (!response.ok) throw new SignInError(`The gateway answered ${response.status}.`);
  return remember(await response.json());
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: csrfHeaders() });
  csrfToken = null;
}
