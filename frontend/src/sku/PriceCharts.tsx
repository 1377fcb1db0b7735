import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow } from './chartData';

function AnomalyTooltip({ active, payload }: { active?: boolean; payload?: { payload: ChartRow }[] }) {
  if (!active || !payload?.length) return null;
  const row = payload[0].payload;
  return (
    <div className="tooltip">
      <strong>{row.dt}</strong>
      <div>Our price {row.price.toFixed(2)}</div>
      <div>Cheapest competitor {row.competitor?.toFixed(2) ?? '—'}</div>
      <div>Cost {row.cost.toFixed(2)}, margin {row.marginPct.toFixed(1)} %</div>
      {row.reasons && <div className="tooltip-reasons">{row.reasons}</div>}
    </div>
  );
}

/** Our price against the cheapest competitor, anomalies as red dots with their reasons in the tooltip. */
export function PriceChart({ rows, currency }: { rows: ChartRow[]; currency: string }) {
  return (
    <figure className="chart" aria-label="Price against the cheapest competitor">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="dt" minTickGap={24} />
          <YAxis domain={['auto', 'auto']} label={{ value: currency, angle: -90, position: 'insideLeft' }} />
          <Tooltip content={<AnomalyTooltip />} />
          <Legend />
          <Line type="monotone" dataKey="price" name="Our price" stroke="#1f6feb" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="competitor" name="Cheapest competitor" stroke="#8250df" dot={false} connectNulls isAnimationActive={false} />
          <Scatter dataKey="anomaly" name="Anomaly" fill="#d1242f" className="anomaly-marker" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function MarginChart({ rows }: { rows: ChartRow[] }) {
  return (
    <figure className="chart" aria-label="Cost and margin">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="dt" minTickGap={24} />
          <YAxis yAxisId="cost" domain={['auto', 'auto']} />
          <YAxis yAxisId="margin" orientation="right" unit=" %" />
          <Tooltip />
          <Legend />
          <Line yAxisId="cost" type="monotone" dataKey="cost" name="Unit cost" stroke="#9a6700" dot={false} isAnimationActive={false} />
          <Line yAxisId="margin" type="monotone" dataKey="marginPct" name="Margin %" stroke="#1a7f37" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
