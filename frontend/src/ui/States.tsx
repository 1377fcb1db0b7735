import { ApiError } from '../api/graphql';

export function Loading({ what }: { what: string }) {
  return <p className="state" role="status">Loading {what}…</p>;
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof ApiError ? error.message : 'Something went wrong.';
  return (
    <div className="state error" role="alert">
      <p>{message}</p>
      {retry && <button onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state empty">{children}</p>;
}
