import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { fetchSkuDetail, recomputeSku } from '../api/queries';
import { useSession } from '../auth/SessionContext';
import { ReasonChip } from '../ui/Badges';
import { Failure, Loading, Empty } from '../ui/States';
import { money, pct, score } from '../ui/format';
import { pickSeries, seriesKey, toChartRows } from './chartData';
import { MarginChart, PriceChart } from './PriceCharts';

const DAY_CHOICES = [30, 60, 120, 365];

/** One SKU: a series' price against competitors with anomalies marked, cost and margin, and every feature row. */
export function SkuPage() {
  const { sku = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('days')) || 60;
  const detail = useQuery({ queryKey: ['sku', sku, days], queryFn: () => fetchSkuDetail(sku, days) });
  const recompute = useMutation({ mutationFn: () => recomputeSku(sku) });
  const { can } = useSession();
  const set = (key: string, value: string) => setParams((p) => { const next = new URLSearchParams(p); next.set(key, value); return next; });

  if (detail.isPending) return <Loading what={`SKU ${sku}`} />;
  if (detail.isError) return <Failure error={detail.error} retry={() => detail.refetch()} />;
  const data = detail.data;
  const series = pickSeries(data, params.get('series'));
  if (!series) return <Empty>{sku} has no feature rows yet: run the pipeline.</Empty>;
  const rows = toChartRows(series.points);

  return (
    <div className="sku">
      <header className="sku-head">
        <div>
          <h1>{data.sku} <small>{data.description}</small></h1>
          <p>Material group {data.materialGroup} · prices in {data.currency} · <Link to={`/?sku=${encodeURIComponent(sku)}&status=ALL`}>this SKU's incidents</Link> · <Link to={`/anomalies?sku=${encodeURIComponent(sku)}`}>its anomalies</Link></p>
        </div>
        <div className="sku-actions">
          {can('PRICING_MANAGER') && <button onClick={() => recompute.mutate()} disabled={recompute.isPending}>Recompute this SKU</button>}
          {recompute.data && <span role="status">Job {recompute.data.id} started · <Link to="/jobs">follow it</Link></span>}
          {recompute.isError && <Failure error={recompute.error} />}
        </div>
      </header>
      <div className="sku-controls">
        <label>Series (sales org / customer)
          <select value={seriesKey(series)} onChange={(e) => set('series', e.target.value)}>
            {data.series.map((s) => (
              <option key={seriesKey(s)} value={seriesKey(s)}>
                {seriesKey(s)} ({s.points.filter((p) => p.reasons.length).length} anomalies)
              </option>
            ))}
          </select>
        </label>
        <label>Days
          <select value={days} onChange={(e) => set('days', e.target.value)}>
            {DAY_CHOICES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
      </div>
      <PriceChart rows={rows} currency={data.currency} />
      <MarginChart rows={rows} />
      <h2>Features of {seriesKey(series)}</h2>
      <div className="table-wrap">
        <table className="features">
          <thead>
            <tr><th>Date</th><th className="num">Price</th><th className="num">Cost</th><th className="num">Margin</th>
              <th className="num">7-day change</th><th className="num">Volatility</th><th className="num">Competitor</th>
              <th className="num">vs. competitor</th><th className="num">ML score</th><th>Reasons</th></tr>
          </thead>
          <tbody>
            {[...series.points].reverse().map((p) => (
              <tr key={p.dt} className={p.reasons.length ? 'flagged' : undefined}>
                <td>{p.dt}</td><td className="num">{money(p.netPrice)}</td><td className="num">{money(p.unitCost)}</td>
                <td className="num">{pct(p.marginPct)}</td><td className="num">{pct(p.priceChange7dPct)}</td>
                <td className="num">{pct(p.volatility14dPct)}</td><td className="num">{money(p.compMinPrice)}</td>
                <td className="num">{pct(p.compDeltaPct)}</td><td className="num">{score(p.mlScore)}</td>
                <td>{p.reasons.map((r) => <ReasonChip key={r} reason={r} />)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
