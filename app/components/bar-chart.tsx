/** A server-rendered horizontal bar chart in SVG: works without JavaScript, readable by screen readers. */
export function BarChart({ title, rows }: { title: string; rows: { label: string; value: number; display: string }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  const rowHeight = 28
  const labelWidth = 150
  const width = 560
  const height = rows.length * rowHeight + 8
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%">
        <title>{title}</title>
        {rows.map((r, i) => {
          const barWidth = ((width - labelWidth - 210) * r.value) / max
          const y = i * rowHeight + 4
          return (
            <g key={r.label}>
              <text x={0} y={y + 17} fontSize="13" fill="currentColor">
                {r.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(barWidth, r.value > 0 ? 2 : 0)} height={rowHeight - 10} rx="3" fill="#0f766e" />
              <text x={labelWidth + barWidth + 6} y={y + 17} fontSize="12" fill="currentColor">
                {r.display}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
