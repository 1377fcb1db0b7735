import { useInfiniteQuery } from '@tanstack/react-query';

interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list read page by page after the cursor of the last one: the query, the rows loaded so far and the total. */
export function usePages<T>(key: unknown[], fetch: (after: string | null) => Promise<Page<T>>) {
  const pages = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetch(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return { pages, rows: pages.data?.pages.flatMap((p) => p.nodes) ?? [], total: pages.data?.pages[0]?.totalCount };
}
