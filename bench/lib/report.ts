// The result table: markdown for people (bench/results/<date>-<scale>.md, also printed) and JSON beside it for the
// next run (growth factors are computed from earlier scales' JSON).
import type { ResultRow } from './types'

export function formatValue(value: number | null | undefined, unit: ResultRow['unit']): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const fixed = (digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  switch (unit) {
    case 'req/s':
      return `${value >= 100 ? fixed(0) : fixed(1)} req/s`
    case 'ms':
      return `${value < 10 ? fixed(2) : value < 100 ? fixed(1) : fixed(0)} ms`
    case 's':
      return `${fixed(2)} s`
    case 'MB':
      return `${fixed(0)} MB`
    case '×':
      return `${fixed(2)}×`
    case '%':
      return `${fixed(1)} %`
    case 'rows':
      return fixed(value >= 100 ? 0 : 1)
  }
}

export function ratioOf(row: ResultRow): number | null {
  if (row.ratio !== undefined) return row.ratio
  if (row.app === null || row.baseline === null || row.baseline === 0) return null
  return row.app / row.baseline
}

function metCell(met: boolean | null | undefined): string {
  if (met === true) return 'met'
  if (met === false) return '**NOT MET**'
  return ''
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const out = ['| measure | app | baseline | app ÷ baseline | target | met |', '|---|---:|---:|---:|---|---|']
  let group = ''
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group
      out.push(`| **${group}** | | | | | |`)
    }
    const ratio = ratioOf(row)
    const note = row.note ? ` <sub>${row.note}</sub>` : ''
    out.push(`| ${row.measure}${note} | ${formatValue(row.app, row.unit)} | ${formatValue(row.baseline, row.unit)} | ${ratio === null ? '' : formatValue(ratio, '×')} | ${row.target ?? ''} | ${metCell(row.met)} |`)
  }
  return out.join('\n')
}

export function targetSummary(rows: readonly ResultRow[]): { met: number; notMet: ResultRow[] } {
  const judged = rows.filter((r) => r.met === true || r.met === false)
  return { met: judged.filter((r) => r.met).length, notMet: judged.filter((r) => r.met === false) }
}
