import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchRejectedRows } from '../api/queries';
import { Empty, Failure, Loading } from '../ui/States';

/** The source rows a run refused, with the reason, 100 at a time. */
export function RejectedRows({ jobId }: { jobId: string }) {
  const pages = useInfiniteQuery({
    queryKey: ['rejected', jobId],
    queryFn: ({ pageParam }) => fetchRejectedRows(jobId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.length === 100 ? last[last.length - 1].cursor : undefined),
  });
  if (pages.isPending) return <Loading what="rejected rows" />;
  if (pages.isError) return <Failure error={pages.error} retry={() => pages.refetch()} />;
  const rows = pages.data.pages.flat();
  if (rows.length === 0) return <Empty>This run rejected no rows still on record (a later run may have re-read them).</Empty>;
  return (
    <div className="rejected">
      <table>
        <thead><tr><th>Table</th><th>SKU</th><th>Sales org</th><th>Customer</th><th>Competitor</th><th>Date</th><th>Reason</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.cursor}><td>{r.table}</td><td>{r.sku}</td><td>{r.salesOrg ?? ''}</td><td>{r.customerId ?? ''}</td>
              <td>{r.competitor ?? ''}</td><td>{r.dt}</td><td>{r.reason}</td></tr>
          ))}
        </tbody>
      </table>
      {pages.hasNextPage && <button onClick={() => pages.fetchNextPage()}>Load more</button>}
    </div>
  );
}
