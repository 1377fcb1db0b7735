import { createContext, useContext } from 'react';
import { atLeast, type Role } from './roles';
import type { SignedInUser } from './session';

export interface Session {
  user: SignedInUser;
  /** Whether the signed-in user's role reaches `role`: what the page offers; the gateway checks again. */
  can: (role: Role) => boolean;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

export function sessionOf(user: SignedInUser, signOut: () => void): Session {
  return { user, can: (role) => atLeast(user.role, role), signOut };
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in part of the app');
  return session;
}
