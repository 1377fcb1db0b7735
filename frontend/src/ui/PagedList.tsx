import type { ReactNode } from 'react';
import { Empty, Failure, Loading } from './States';

/** A list loaded page by page: loading, failure (with retry), nothing found, or the rows and "Load more". */
export function PagedList({ what, pages, empty, children }: {
  what: string;
  pages: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  empty: boolean;
  children: ReactNode;
}) {
  if (pages.isPending) return <Loading what={what} />;
  if (pages.isError) return <Failure error={pages.error} retry={() => pages.refetch()} />;
  if (empty) return <Empty>No {what} match these filters.</Empty>;
  return (
    <>
      {children}
      {pages.hasNextPage && (
        <button className="more" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
