import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchAuditLog } from '../api/queries';
import { useSession } from '../auth/SessionContext';
import { Empty, Failure, Loading } from '../ui/States';

/** The audit log, newest first (ADMIN): who started runs, recomputes and retrains, and changed users and tokens. */
export function AuditPage() {
  const { can } = useSession();
  const pages = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => fetchAuditLog(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : null),
    enabled: can('ADMIN'),
  });

  if (!can('ADMIN')) return <Empty>The audit log is for admins.</Empty>;
  if (pages.isPending) return <Loading what="the audit log" />;
  if (pages.isError) return <Failure error={pages.error} retry={() => pages.refetch()} />;
  const entries = pages.data.pages.flatMap((p) => p.nodes);
  return (
    <div className="audit">
      <div className="toolbar"><h1>Audit log</h1></div>
      {entries.length === 0 ? <Empty>Nothing recorded yet.</Empty> : (
        <div className="table-wrap">
          <table className="audit-log">
            <thead><tr><th>When</th><th>Who</th><th>Action</th><th>What</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.userName}</td>
                  <td><span className="badge">{e.action}</span></td>
                  <td className="wrap">{e.subject}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && <button onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>Load more</button>}
    </div>
  );
}
