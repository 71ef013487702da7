import { Link } from '../../components/navigation'
import { Badge } from '../../components/ui'
import { useT } from '../../utils/use-t'
import type { Balances, ClaimStatus, RequestStatus } from './mdf.machine'

const REQUEST_TONE: Record<RequestStatus, 'grey' | 'amber' | 'green' | 'red' | 'blue'> = { draft: 'grey', submitted: 'amber', returned: 'amber', approved: 'green', rejected: 'red', withdrawn: 'grey', lapsed: 'grey' }
const CLAIM_TONE: Record<ClaimStatus, 'grey' | 'amber' | 'green' | 'red' | 'blue'> = { submitted: 'amber', returned: 'amber', approved: 'blue', rejected: 'red', paying: 'blue', paid: 'green' }

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useT()
  return <Badge tone={REQUEST_TONE[status]}>{t(`mdf.status.${status}`)}</Badge>
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useT()
  return <Badge tone={CLAIM_TONE[status]}>{t(`mdf.claimStatus.${status}`)}</Badge>
}

/** Allocated, committed, claimed, paid and available as headline tiles. */
export function BalanceTiles({ balances, currency, link }: { balances: Balances; currency: string; link?: string }) {
  const { t, moneyCompact, money } = useT()
  const tiles = (['available', 'allocated', 'committed', 'claimed', 'paid'] as const).map((k) => ({ k, value: balances[k] }))
  return (
    <div className="stat-grid" aria-label={t('mdf.balances.title')}>
      {tiles.map(({ k, value }) =>
        link ? (
          <Link key={k} to={link} className="stat" title={money(value, currency)}>
            <span className="stat-value">{moneyCompact(value, currency)}</span>
            <span className="stat-label">{t(`mdf.balances.${k}`)}</span>
          </Link>
        ) : (
          <div key={k} className="stat" title={money(value, currency)}>
            <span className="stat-value">{moneyCompact(value, currency)}</span>
            <span className="stat-label">{t(`mdf.balances.${k}`)}</span>
          </div>
        ),
      )}
    </div>
  )
}

type Point = { date: string; allocated: number; committed: number; claimed: number; paid: number }
const SERIES = [
  { key: 'allocated', colour: '#0f766e', dash: '' },
  { key: 'committed', colour: '#b45309', dash: '6 3' },
  { key: 'claimed', colour: '#1d4ed8', dash: '2 3' },
  { key: 'paid', colour: '#15803d', dash: '' },
] as const

/**
 * The burn-down of a fund as a server-rendered SVG step chart (works without JavaScript), with the
 * figures of the last day as text beside it for screen readers and for anyone who prefers numbers.
 */
export function BurnDownChart({ points, currency, budget }: { points: Point[]; currency: string; budget: number }) {
  const { t, calendarDate, moneyCompact } = useT()
  if (!points.length) return <p className="empty-hint">{t('mdf.fund.noMovements')}</p>
  const width = 640
  const height = 240
  const pad = { left: 70, right: 16, top: 12, bottom: 28 }
  const max = Math.max(1, budget, ...points.map((p) => p.allocated))
  const first = Date.parse(points[0].date)
  const last = Math.max(first + 86_400_000, Date.parse(points[points.length - 1].date))
  const x = (date: string) => pad.left + ((Date.parse(date) - first) / (last - first)) * (width - pad.left - pad.right)
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom)
  const path = (key: (typeof SERIES)[number]['key']) => points.map((p, i) => `${i === 0 ? 'M' : `H${x(p.date).toFixed(1)} V`}${i === 0 ? `${x(p.date).toFixed(1)},${y(p[key]).toFixed(1)}` : y(p[key]).toFixed(1)}`).join(' ')
  const end = points[points.length - 1]
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="burn-title" width="100%">
        <title id="burn-title">{t('mdf.fund.burnDown')}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={pad.left} x2={width - pad.right} y1={y(max * f)} y2={y(max * f)} stroke="#e5e7eb" />
            <text x={pad.left - 6} y={y(max * f) + 4} fontSize="11" textAnchor="end" fill="currentColor">
              {moneyCompact(Math.round(max * f), currency)}
            </text>
          </g>
        ))}
        <text x={pad.left} y={height - 8} fontSize="11" fill="currentColor">
          {calendarDate(points[0].date)}
        </text>
        <text x={width - pad.right} y={height - 8} fontSize="11" textAnchor="end" fill="currentColor">
          {calendarDate(end.date)}
        </text>
        {SERIES.map((s) => (
          <path key={s.key} d={path(s.key)} fill="none" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash || undefined} />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {SERIES.map((s) => (
            <li key={s.key}>
              <svg width="24" height="8" aria-hidden="true">
                <line x1="0" x2="24" y1="4" y2="4" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash || undefined} />
              </svg>{' '}
              {t(`mdf.balances.${s.key}`)}: {moneyCompact(end[s.key], currency)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}

type FundBalances = { id: string; name: string; currency: string; expired: boolean; balances: Balances }

/** A partner's MDF balances per fund: on the partner's home and on the vendor's partner 360° page. */
export function MdfBalancesSection({ mdf, vendor }: { mdf: { funds: FundBalances[] } | null; vendor: boolean }) {
  const { t, money } = useT()
  if (!mdf) return null
  const open = mdf.funds.filter((f) => !f.expired)
  return (
    <section className="card" aria-labelledby="mdf-balances">
      <h2 id="mdf-balances">{t('mdf.title')}</h2>
      {open.length === 0 ? (
        <p className="hint">{t('mdf.fund.emptyPartner')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('mdf.balances.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('mdf.fields.fund')}</th>
                <th scope="col">{t('mdf.balances.allocated')}</th>
                <th scope="col">{t('mdf.balances.committed')}</th>
                <th scope="col">{t('mdf.balances.paid')}</th>
                <th scope="col">{t('mdf.balances.available')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((f) => (
                <tr key={f.id}>
                  <td data-label={t('mdf.fields.fund')}>{vendor ? <Link to={`/mdf/funds/${f.id}`}>{f.name}</Link> : f.name}</td>
                  <td data-label={t('mdf.balances.allocated')} className="num">{money(f.balances.allocated, f.currency)}</td>
                  <td data-label={t('mdf.balances.committed')} className="num">{money(f.balances.committed, f.currency)}</td>
                  <td data-label={t('mdf.balances.paid')} className="num">{money(f.balances.paid, f.currency)}</td>
                  <td data-label={t('mdf.balances.available')} className="num">{money(f.balances.available, f.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/mdf">{vendor ? t('mdf.title') : t('mdf.home.open')}</Link>
      </p>
    </section>
  )
}
