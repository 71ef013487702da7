/**
 * Two series side by side per category (partner-sourced and direct, say), server-rendered SVG:
 * works without JavaScript and prints. The numbers are in the table the page puts beside it;
 * the chart repeats them in its <title> and labels for screen readers.
 */
export function GroupedBarChart({ title, series, rows }: { title: string; series: [string, string]; rows: { label: string; values: [number, number]; display: [string, string] }[] }) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values))
  const barHeight = 12
  const rowHeight = 2 * barHeight + 16
  const labelWidth = 150
  const width = 560
  const legend = 24
  const height = rows.length * rowHeight + legend + 4
  const colours = ['#0f766e', '#94a3b8'] as const
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%">
        <title>{title}</title>
        {series.map((s, i) => (
          <g key={s}>
            <rect x={labelWidth + i * 160} y={4} width={12} height={12} fill={colours[i]} />
            <text x={labelWidth + i * 160 + 18} y={14} fontSize="12" fill="currentColor">
              {s}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = legend + i * rowHeight
          return (
            <g key={`${r.label}-${i}`}>
              <text x={0} y={y + barHeight + 6} fontSize="12" fill="currentColor">
                {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
              </text>
              {r.values.map((v, k) => {
                const w = ((width - labelWidth - 170) * v) / max
                return (
                  <g key={k}>
                    <rect x={labelWidth} y={y + k * (barHeight + 2)} width={Math.max(w, v > 0 ? 2 : 0)} height={barHeight} rx="2" fill={colours[k]} />
                    <text x={labelWidth + w + 6} y={y + k * (barHeight + 2) + 10} fontSize="11" fill="currentColor">
                      {r.display[k]}
                    </text>
                  </g>
                )
              })}
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
