// Server-rendered, accessible SVG charts: role="img" with a <title> and <desc>, text labels on every
// bar or cell, no JavaScript. Each chart sits beside a <table> with the same numbers.
import { useId } from "react";

type Datum = { label: string; value: number };
const ROW = 26;
const nice = (max: number) => (max <= 0 ? 1 : max);

/** Horizontal bars, one per label, with the value written at the end of each bar. */
export function BarChart({ title, description, data, width = 420 }: { title: string; description: string; data: Datum[]; width?: number }) {
  const id = useId();
  const labelWidth = 130;
  const barSpace = width - labelWidth - 40;
  const max = nice(Math.max(...data.map((d) => d.value)));
  const height = data.length * ROW + 8;
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description} {data.map((d) => `${d.label}: ${d.value}`).join("; ")}.</desc>
      {data.map((d, i) => {
        const y = 4 + i * ROW;
        const w = Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barSpace);
        return (
          <g key={d.label}>
            <text x={labelWidth - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">{d.label}</text>
            <rect x={labelWidth} y={y + 3} width={w} height={ROW - 8} className="chart-bar" />
            <text x={labelWidth + w + 6} y={y + ROW / 2 + 4} className="chart-value">{d.value}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Columns per period (e.g. week), one colour-and-pattern per series, with a text legend. */
export function ColumnChart({ title, description, periods, series, width = 560 }: {
  title: string; description: string; periods: string[]; series: { label: string; values: number[] }[]; width?: number;
}) {
  const id = useId();
  const top = 16, bottom = 34, left = 28, legend = 22 * Math.ceil(series.length / 2);
  const plot = 140;
  const height = top + plot + bottom + legend;
  const max = nice(Math.max(...series.flatMap((s) => s.values)));
  const group = (width - left) / Math.max(1, periods.length);
  const bar = Math.max(2, (group - 6) / Math.max(1, series.length));
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description} Totals: {series.map((s) => `${s.label} ${s.values.reduce((a, b) => a + b, 0)}`).join("; ")}.</desc>
      <line x1={left} x2={width} y1={top + plot} y2={top + plot} className="chart-axis" />
      <text x={left - 4} y={top + 4} textAnchor="end" className="chart-value">{max}</text>
      <text x={left - 4} y={top + plot} textAnchor="end" className="chart-value">0</text>
      {periods.map((p, i) => (
        <g key={p}>
          {series.map((s, j) => {
            const v = s.values[i] ?? 0;
            const h = (v / max) * plot;
            return <rect key={s.label} x={left + i * group + 3 + j * bar} y={top + plot - h} width={bar - 1} height={h} className={`chart-bar series-${j}`} />;
          })}
          {i % 2 === 0 ? <text x={left + i * group + group / 2} y={top + plot + 16} textAnchor="middle" className="chart-label small">{p.slice(5)}</text> : null}
        </g>
      ))}
      {series.map((s, j) => (
        <g key={s.label} transform={`translate(${left + (j % 2) * 200}, ${top + plot + bottom + Math.floor(j / 2) * 22})`}>
          <rect width={12} height={12} className={`chart-bar series-${j}`} />
          <text x={18} y={11} className="chart-label">{s.label}</text>
        </g>
      ))}
    </svg>
  );
}

/** A grid of cells (rows × columns) shaded by value, with the value written in each cell. */
export function Heatmap({ title, description, rows, columns, value }: {
  title: string; description: string; rows: { key: string; label: string }[]; columns: { key: string; label: string }[];
  value: (row: string, column: string) => number;
}) {
  const id = useId();
  const labelWidth = 110, cellW = 130, cellH = 34, head = 26;
  const width = labelWidth + columns.length * cellW;
  const height = head + rows.length * cellH;
  const max = nice(Math.max(...rows.flatMap((r) => columns.map((c) => value(r.key, c.key)))));
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {columns.map((c, j) => <text key={c.key} x={labelWidth + j * cellW + cellW / 2} y={17} textAnchor="middle" className="chart-label">{c.label}</text>)}
      {rows.map((r, i) => (
        <g key={r.key}>
          <text x={labelWidth - 8} y={head + i * cellH + cellH / 2 + 4} textAnchor="end" className="chart-label">{r.label}</text>
          {columns.map((c, j) => {
            const v = value(r.key, c.key);
            const strength = v / max;
            return (
              <g key={c.key}>
                <rect x={labelWidth + j * cellW + 1} y={head + i * cellH + 1} width={cellW - 2} height={cellH - 2}
                  fill={`rgba(31, 78, 140, ${0.08 + strength * 0.8})`} />
                <text x={labelWidth + j * cellW + cellW / 2} y={head + i * cellH + cellH / 2 + 4} textAnchor="middle"
                  className={strength > 0.5 ? "chart-value on-dark" : "chart-value"}>{v}</text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
