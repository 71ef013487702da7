import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { BarChart } from '../components/bar-chart'
import { PageHeader } from '../components/ui'
import { PartnerNextSteps } from '../modules/deals/partner-next-steps'
import { requireActor } from '../modules/auth/require-actor.server'
import { PlansHome } from '../modules/plans/plans-home'
import { AttentionToday } from '../modules/reports/attention-home'
import { homeFor } from '../modules/reports/reports.server'
import { SuppliersHome } from '../modules/suppliers/suppliers-home'
import { UpcomingEvents } from '../modules/schedules/calendar-views'
import { MdfBalancesSection } from '../modules/mdf/mdf-ui'
import { TrainingHome, type TrainingHomeData } from '../modules/training/training-home'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(await homeFor(actor))
})

export default function Home() {
  const d = useLoaderData<typeof loader>()
  const { t, money, moneyCompact, number } = useT()
  const title = d.own ? t('home.welcome', { org: d.own.org.name }) : t('dashboard.title')
  return (
    <>
      <PageHeader title={title} subtitle={d.own?.org.tier ? t('home.tier', { tier: t(`tiers.${d.own.org.tier}`) }) : undefined} />
      {d.next ? <PartnerNextSteps next={d.next} /> : null}
      <div className="stat-grid">
        {d.pendingApprovals ? (
          <Link to="/approvals" className="stat stat-alert">
            <span className="stat-value">{number(d.pendingApprovals)}</span>
            <span className="stat-label">{t('dashboard.pendingApprovals')}</span>
          </Link>
        ) : null}
        {d.openRegistrations !== null ? (
          <Link to="/deals" className="stat">
            <span className="stat-value">{number(d.openRegistrations)}</span>
            <span className="stat-label">{t('home.myDeals')}</span>
          </Link>
        ) : null}
        {d.own ? (
          <Link to={`/organisations/${d.own.org.id}`} className="stat">
            <span className="stat-value">{number(d.own.members)}</span>
            <span className="stat-label">{t('home.members')}</span>
          </Link>
        ) : null}
        {d.partnerPipeline ? (
          <div className="stat">
            <span className="stat-value" title={money(d.partnerPipeline.amountMinor, 'IDR')}>{moneyCompact(d.partnerPipeline.amountMinor, 'IDR')}</span>
            <span className="stat-label">{t('home.partnerPipeline', { count: number(d.partnerPipeline.n) })}</span>
          </div>
        ) : null}
        {d.organisations ? (
          <>
            <Link to="/organisations?kind=partner" className="stat">
              <span className="stat-value">{number(d.organisations.partners)}</span>
              <span className="stat-label">{t('dashboard.activePartners')}</span>
            </Link>
            <Link to="/organisations?kind=supplier" className="stat">
              <span className="stat-value">{number(d.organisations.suppliers)}</span>
              <span className="stat-label">{t('dashboard.activeSuppliers')}</span>
            </Link>
          </>
        ) : null}
        {d.pipeline ? (
          <>
            <Link to="/opportunities" className="stat">
              <span className="stat-value">{number(d.pipeline.openOpportunities)}</span>
              <span className="stat-label">{t('dashboard.openOpportunities')}</span>
            </Link>
            <div className="stat">
              <span className="stat-value" title={money(d.pipeline.openPipelineIdr, 'IDR')}>{moneyCompact(d.pipeline.openPipelineIdr, 'IDR')}</span>
              <span className="stat-label">{t('dashboard.openPipeline')}</span>
            </div>
          </>
        ) : null}
      </div>
      <SuppliersHome data={d.suppliers} />
      <AttentionToday data={d.attention} />
      <PlansHome data={d.plans} />
      <TrainingHome data={d.training as TrainingHomeData} />
      {d.mdf ? <MdfBalancesSection mdf={d.mdf} vendor={false} /> : null}
      {d.pipeline?.pipelines.map((p) => (
        <section className="card" key={p.id}>
          <h2>
            {t('dashboard.pipelineByStage')}: <Link to={`/pipelines/${p.id}`}>{p.name}</Link>
          </h2>
          <BarChart title={`${t('dashboard.pipelineByStage')}: ${p.name}`} rows={p.stages.map((s) => ({ label: s.name, value: s.amountMinor, display: `${money(s.amountMinor, 'IDR')} · ${number(s.n)}` }))} />
        </section>
      ))}
      {d.upcomingEvents ? <UpcomingEvents events={d.upcomingEvents} /> : null}
      {d.leadBands ? (
        <section className="card">
          <h2>{t('dashboard.leadBands')}</h2>
          <div className="stat-grid">
            {(['hot', 'warm', 'junk'] as const).map((band) => (
              <Link key={band} to={`/leads?band=${band}`} className="stat">
                <span className="stat-value">{number(d.leadBands?.[band] ?? 0)}</span>
                <span className="stat-label">{t(`leads.band.${band}`)}</span>
              </Link>
            ))}
          </div>
        </section>
      ) : null}
      {d.programmeTerms ? (
        <p>
          <Link to="/programme">{t('home.programmeLink')}</Link>
        </p>
      ) : null}
    </>
  )
}
