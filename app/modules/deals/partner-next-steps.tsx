import { Link } from '../../components/navigation'
import { useT } from '../../utils/use-t'
import { DealStatusBadge, TimeLeft } from './deal-status'
import type { DealStatus } from './deals.machine'

type Row = { id: string; customerName: string; valueMinor: number; currency: string }
export type NextActions = {
  needsAnswer: (Row & { returnedAt: number | null; question: string | null })[]
  drafts: (Row & { updatedAt: number })[]
  expiring: (Row & { protectedUntil: number | null })[]
  recentDecisions: (Row & { status: DealStatus; decidedAt: number | null; rejectionReason: string | null; protectedUntil: number | null })[]
  now: number
}

/** The partner home's first section: what to do next, most urgent first. */
export function PartnerNextSteps({ next }: { next: NextActions }) {
  const { t, money, date } = useT()
  const nothing = !next.needsAnswer.length && !next.drafts.length && !next.expiring.length
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <div className="section-head">
        <h2 id="next-steps-title">{t('home.next.title')}</h2>
        <Link to="/deals/new" className="btn btn-primary">
          {t('deals.new')}
        </Link>
      </div>
      {nothing ? <p className="hint">{t('home.next.allClear')}</p> : null}
      {next.needsAnswer.length ? (
        <>
          <h3>{t('home.next.needsAnswer')}</h3>
          <ul className="action-list">
            {next.needsAnswer.map((r) => (
              <li key={r.id}>
                <Link to={`/deals/${r.id}#answer`}>{r.customerName}</Link> <span className="hint">· {money(r.valueMinor, r.currency)} · {t('home.next.returnedOn', { date: date(r.returnedAt) })}</span>
                {r.question ? <blockquote className="question">{r.question}</blockquote> : null}
                <Link to={`/deals/${r.id}#answer`} className="btn btn-small">
                  {t('home.next.answer')}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {next.expiring.length ? (
        <>
          <h3>{t('home.next.expiring')}</h3>
          <ul className="action-list">
            {next.expiring.map((r) => (
              <li key={r.id}>
                <Link to={`/deals/${r.id}`}>{r.customerName}</Link> <span className="hint">· {money(r.valueMinor, r.currency)} · {t('deals.fields.protectedUntil')} {date(r.protectedUntil)} · </span>
                <TimeLeft protectedUntil={r.protectedUntil} now={next.now} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {next.drafts.length ? (
        <>
          <h3>{t('home.next.drafts')}</h3>
          <ul className="action-list">
            {next.drafts.map((r) => (
              <li key={r.id}>
                <Link to={`/deals/${r.id}`}>{r.customerName}</Link> <span className="hint">· {t('home.next.lastEdited', { date: date(r.updatedAt) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('home.next.recentDecisions')}</h3>
      {next.recentDecisions.length ? (
        <ul className="action-list">
          {next.recentDecisions.map((r) => (
            <li key={r.id}>
              <Link to={`/deals/${r.id}`}>{r.customerName}</Link> <DealStatusBadge status={r.status} /> <span className="hint">· {date(r.decidedAt)}</span>
              {r.status === 'rejected' && r.rejectionReason ? <p className="hint">{t('home.next.reason', { reason: r.rejectionReason })}</p> : null}
              {r.status === 'approved' && r.protectedUntil ? <p className="hint">{t('home.next.protectedUntil', { date: date(r.protectedUntil) })}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('home.next.noDecisions')}</p>
      )}
    </section>
  )
}
