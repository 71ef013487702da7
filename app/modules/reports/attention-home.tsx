import { Link } from '../../components/navigation'
import { useT } from '../../utils/use-t'

type Attention = {
  waiting: number
  overdue: number
  overdueItems: { key: string; title: string; orgName: string; href: string; kindLabel: string; waitingSince: number }[]
  expiring: { total: number; rows: { id: string; customerName: string; partnerName: string; protectedUntil: number | null }[] }
}

/** The vendor dashboard's first section: what needs a decision or a look today. */
export function AttentionToday({ data }: { data: Attention | null }) {
  const { t, tl, number, date } = useT()
  if (!data) return null
  return (
    <section className="card" aria-labelledby="attention">
      <h2 id="attention">{t('reports.attention.title')}</h2>
      <div className="grid-2">
        <div>
          <h3>
            <Link to="/approvals?age=overdue">{t('reports.attention.overdue', { count: number(data.overdue), waiting: number(data.waiting) })}</Link>
          </h3>
          {data.overdueItems.length ? (
            <ul className="record-list">
              {data.overdueItems.map((r) => (
                <li key={r.key}>
                  <Link to={r.href}>{r.title}</Link> · {tl(r.kindLabel)} · {r.orgName} · {t('reports.attention.since', { date: date(r.waitingSince) })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('reports.attention.noneOverdue')}</p>
          )}
        </div>
        <div>
          <h3>{t('reports.attention.expiring', { count: number(data.expiring.total) })}</h3>
          {data.expiring.rows.length ? (
            <ul className="record-list">
              {data.expiring.rows.map((r) => (
                <li key={r.id}>
                  <Link to={`/deals/${r.id}`}>{r.customerName}</Link> · {r.partnerName} · {t('reports.attention.until', { date: date(r.protectedUntil) })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('reports.attention.noneExpiring')}</p>
          )}
        </div>
      </div>
    </section>
  )
}
