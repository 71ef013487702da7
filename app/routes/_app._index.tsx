import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BarChart } from '../components/bar-chart'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { programmeTerms } from '../modules/content/content.server'
import { organisationHome, vendorDashboard } from '../modules/reports/dashboard.server'
import { openRegistrationCount, pendingApprovalCount } from '../modules/deals/deals.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  if (actor.orgKind === 'vendor') return json({ kind: 'vendor' as const, dashboard: vendorDashboard(actor), pendingApprovals: pendingApprovalCount(actor), openDeals: 0, home: null, terms: null })
  return json({ kind: actor.orgKind, dashboard: null, pendingApprovals: 0, openDeals: openRegistrationCount(actor), home: organisationHome(actor), terms: programmeTerms(actor.orgKind, actor.locale) })
})

export default function Home() {
  const data = useLoaderData<typeof loader>()
  const { t, money, moneyCompact, number } = useT()
  if (data.dashboard) {
    const d = data.dashboard
    return (
      <>
        <PageHeader title={t('dashboard.title')} />
        <div className="stat-grid">
          {data.pendingApprovals > 0 ? (
            <Link to="/deals/approvals" className="stat stat-alert">
              <span className="stat-value">{number(data.pendingApprovals)}</span>
              <span className="stat-label">{t('dashboard.pendingApprovals')}</span>
            </Link>
          ) : null}
          <Link to="/organisations?kind=partner" className="stat">
            <span className="stat-value">{number(d.partners)}</span>
            <span className="stat-label">{t('dashboard.activePartners')}</span>
          </Link>
          <Link to="/organisations?kind=supplier" className="stat">
            <span className="stat-value">{number(d.suppliers)}</span>
            <span className="stat-label">{t('dashboard.activeSuppliers')}</span>
          </Link>
          <Link to="/opportunities" className="stat">
            <span className="stat-value">{number(d.openOpportunities)}</span>
            <span className="stat-label">{t('dashboard.openOpportunities')}</span>
          </Link>
          <div className="stat">
            <span className="stat-value" title={money(d.openPipelineIdr, 'IDR')}>{moneyCompact(d.openPipelineIdr, 'IDR')}</span>
            <span className="stat-label">{t('dashboard.openPipeline')}</span>
          </div>
        </div>
        {d.pipelineName ? (
          <section className="card">
            <h2>
              {t('dashboard.pipelineByStage')}: <Link to={`/pipelines/${d.pipelineId}`}>{d.pipelineName}</Link>
            </h2>
            <BarChart title={t('dashboard.pipelineByStage')} rows={d.byStage.map((s) => ({ label: s.name, value: s.amountMinor, display: `${money(s.amountMinor, 'IDR')} · ${number(s.n)}` }))} />
          </section>
        ) : null}
        <section className="card">
          <h2>{t('dashboard.leadBands')}</h2>
          <div className="stat-grid">
            {(['hot', 'warm', 'junk'] as const).map((band) => (
              <Link key={band} to={`/leads?band=${band}`} className="stat">
                <span className="stat-value">{number(d.leadBands[band] ?? 0)}</span>
                <span className="stat-label">{t(`leads.band.${band}`)}</span>
              </Link>
            ))}
          </div>
        </section>
      </>
    )
  }
  const home = data.home!
  return (
    <>
      <PageHeader title={t('home.welcome', { org: home.org.name })} subtitle={home.org.tier ? t('home.tier', { tier: t(`tiers.${home.org.tier}`) }) : undefined} />
      <div className="stat-grid">
        {data.kind === 'partner' ? (
          <Link to="/deals" className="stat">
            <span className="stat-value">{number(data.openDeals)}</span>
            <span className="stat-label">{t('home.myDeals')}</span>
          </Link>
        ) : null}
        <Link to={`/organisations/${home.org.id}`} className="stat">
          <span className="stat-value">{number(home.members)}</span>
          <span className="stat-label">{t('home.members')}</span>
        </Link>
        {home.partnerOpportunities ? (
          <div className="stat">
            <span className="stat-value" title={money(home.partnerOpportunities.amountMinor, 'IDR')}>{moneyCompact(home.partnerOpportunities.amountMinor, 'IDR')}</span>
            <span className="stat-label">{t('home.partnerPipeline', { count: number(home.partnerOpportunities.n) })}</span>
          </div>
        ) : null}
      </div>
      {data.terms ? (
        <section className="card">
          <h2>{data.kind === 'partner' ? t('home.partnerTerms') : t('home.supplierTerms')}</h2>
          <div className="prose">
            {data.terms.split(/\n{2,}/).map((para, i) => (para.startsWith('#') ? <h3 key={i}>{para.replace(/^#+\s*/, '')}</h3> : <p key={i}>{para}</p>))}
          </div>
        </section>
      ) : null}
    </>
  )
}
