import { Link } from '../../components/navigation'
import { useT } from '../../utils/use-t'
import { PlanStatusBadge, ProgressBadge } from './plan-status'
import type { PlanStatus, Progress } from './plans.machine'

export type PartnerHome = { kind: 'partner'; year: number; quarter: number; plan: { id: string; title: string; status: PlanStatus } | null; objectives: { id: string; title: string; measure: string; target: number; actual: number | null; progress: Progress }[] }
export type VendorHome = { kind: 'vendor'; year: number; quarter: number; total: number; signed: number; totals: { measure: string; target: number; actual: number; money: boolean }[] }

/** The home page's plan section: a partner's plan this quarter, or this quarter's numbers against every plan. */
export function PlansHome({ data }: { data: PartnerHome | VendorHome | null }) {
  const { t, money, number } = useT()
  if (!data) return null
  if (data.kind === 'partner') {
    return (
      <section className="card" aria-labelledby="plans-home">
        <h2 id="plans-home">{t('plans.home.title', { year: data.year })}</h2>
        {!data.plan ? (
          <p>
            {t('plans.home.none', { year: data.year })} <Link to="/plans">{t('nav.plans')}</Link>
          </p>
        ) : (
          <>
            <p>
              <Link to={`/plans/${data.plan.id}`}>{data.plan.title}</Link> · <PlanStatusBadge status={data.plan.status} /> · {t('plans.quarterYear', { quarter: data.quarter, year: data.year })}
            </p>
            <ul className="record-list">
              {data.objectives.map((o) => (
                <li key={o.id}>
                  {o.title}: {o.actual === null ? t('plans.progress.unavailable') : t('plans.targetActual', { actual: ['revenue_won', 'pipeline_created'].includes(o.measure) ? money(o.actual, 'IDR') : number(o.actual), target: ['revenue_won', 'pipeline_created'].includes(o.measure) ? money(o.target, 'IDR') : number(o.target) })} <ProgressBadge progress={o.progress} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    )
  }
  const label = { revenue_won: t('plans.home.revenue'), pipeline_created: t('plans.home.pipeline'), registrations_approved: t('plans.home.registrations') } as Record<string, string>
  return (
    <section className="card" aria-labelledby="plans-home">
      <h2 id="plans-home">{t('plans.home.vendorTitle', { quarter: data.quarter, year: data.year })}</h2>
      <p className="hint">
        <Link to={`/plans?year=${data.year}`}>{t('plans.home.plansSigned', { signed: number(data.signed), total: number(data.total), year: data.year })}</Link>
      </p>
      <div className="stat-grid">
        {data.totals.map((x) => (
          <div className="stat" key={x.measure}>
            <span className="stat-value">{x.money ? money(x.actual, 'IDR') : number(x.actual)}</span>
            <span className="stat-label">
              {label[x.measure]} · {t('plans.pdf.target')} {x.money ? money(x.target, 'IDR') : number(x.target)}
            </span>
          </div>
        ))}
      </div>
    </section>
  )
}
