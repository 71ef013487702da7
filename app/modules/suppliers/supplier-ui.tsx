import { Badge } from '../../components/ui'
import { useT } from '../../utils/use-t'
import type { ApplicationStatus, CatalogStatus, DocumentStatus, LineChange } from './suppliers.machine'

type Tone = 'green' | 'amber' | 'red' | 'grey' | 'blue'

const CATALOG_TONE: Record<CatalogStatus, Tone> = { importing: 'blue', failed: 'red', invalid: 'amber', submitted: 'blue', approved: 'green', rejected: 'red', superseded: 'grey' }
export function CatalogStatusBadge({ status }: { status: CatalogStatus }) {
  const { t } = useT()
  return <Badge tone={CATALOG_TONE[status]}>{t(`suppliers.catalog.status.${status}`)}</Badge>
}

const CHANGE_TONE: Record<LineChange, Tone> = { new: 'blue', price_up: 'red', price_down: 'green', changed: 'amber', unchanged: 'grey', deactivated: 'grey' }
export function ChangeBadge({ change }: { change: LineChange }) {
  const { t } = useT()
  return <Badge tone={CHANGE_TONE[change]}>{t(`suppliers.catalog.change.${change}`)}</Badge>
}

const APP_TONE: Record<ApplicationStatus, Tone> = { submitted: 'blue', info_requested: 'amber', approved: 'green', rejected: 'red' }
export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useT()
  return <Badge tone={APP_TONE[status]}>{t(`suppliers.applications.status.${status}`)}</Badge>
}

export function SupplierStatusBadge({ status }: { status: 'active' | 'on_hold' | 'inactive' }) {
  const { t } = useT()
  return <Badge tone={status === 'active' ? 'green' : status === 'on_hold' ? 'amber' : 'grey'}>{t(`suppliers.status.${status}`)}</Badge>
}

const DOC_TONE: Record<DocumentStatus | 'missing' | 'expired', Tone> = { pending: 'blue', accepted: 'green', rejected: 'red', missing: 'amber', expired: 'red' }
export function DocumentStatusBadge({ status }: { status: DocumentStatus | 'missing' | 'expired' }) {
  const { t } = useT()
  return <Badge tone={DOC_TONE[status]}>{t(`suppliers.docs.status.${status}`)}</Badge>
}

/**
 * A step chart of a SKU's approved prices over time, drawn on the server in SVG: works without
 * JavaScript, and the table beside it carries the same figures for screen readers.
 */
export function PriceChart({ title, points, format }: { title: string; points: { date: string; minor: number }[]; format: (minor: number) => string }) {
  if (!points.length) return null
  const width = 560
  const height = 200
  const pad = { left: 8, right: 8, top: 16, bottom: 28 }
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`)
  const first = day(points[0].date)
  const last = Math.max(day(points[points.length - 1].date), first) + 30 * 86_400_000
  const max = Math.max(...points.map((p) => p.minor))
  const min = Math.min(...points.map((p) => p.minor))
  const lo = min === max ? 0 : min - (max - min) * 0.1
  const x = (ms: number) => pad.left + ((ms - first) / (last - first)) * (width - pad.left - pad.right)
  const y = (v: number) => pad.top + (1 - (v - lo) / (max - lo || 1)) * (height - pad.top - pad.bottom)
  let d = ''
  points.forEach((p, i) => {
    const px = x(day(p.date))
    d += i === 0 ? `M${px},${y(p.minor)}` : ` H${px} V${y(p.minor)}`
  })
  d += ` H${x(last)}`
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%">
        <title>{title}</title>
        <path d={d} fill="none" stroke="#0f766e" strokeWidth="2.5" />
        {points.map((p) => (
          <g key={`${p.date}-${p.minor}`}>
            <circle cx={x(day(p.date))} cy={y(p.minor)} r="4" fill="#0f766e" />
            <text x={Math.min(x(day(p.date)) + 6, width - 120)} y={Math.max(y(p.minor) - 6, 12)} fontSize="12" fill="currentColor">
              {format(p.minor)}
            </text>
            <text x={Math.min(x(day(p.date)), width - 80)} y={height - 8} fontSize="11" fill="currentColor">
              {p.date}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}
