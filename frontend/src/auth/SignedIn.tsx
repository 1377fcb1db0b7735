import { useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Failure, Loading } from '../ui/States';
import { SessionProvider, sessionOf } from './SessionContext';
import { fetchMe, onSessionExpired, signOut, type SignedInUser } from './session';
import { SignInPage } from './SignInPage';

const ME = ['me'];

/** Renders its children for a signed-in user and the sign-in page otherwise, also when a session ends mid-use. */
export function SignedIn({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ME, queryFn: fetchMe, staleTime: Infinity, retry: false });
  useEffect(() => onSessionExpired(() => client.setQueryData(ME, null)), [client]);

  const forgetOthers = () => client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
  const begin = (user: SignedInUser) => {
    forgetOthers(); // nothing another session fetched stays in the cache
    client.setQueryData(ME, user);
  };
  const end = () => {
    void signOut().finally(() => {
      forgetOthers();
      client.setQueryData(ME, null);
    });
  };

  if (me.isPending) return <Loading what="your session" />;
  if (me.isError) return <Failure error={me.error} retry={() => me.refetch()} />;
  if (!me.data) return <SignInPage onSignedIn={begin} />;
  return <SessionProvider value={sessionOf(me.data, end)}>{children}</SessionProvider>;
}
