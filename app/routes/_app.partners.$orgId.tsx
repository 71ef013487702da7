import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { MdfBalancesSection } from '../modules/mdf/mdf-ui'
import { CertificationsSection, EventsSection, OpportunitiesSection, PeopleSection, PlansSection, RegistrationsSection, TimelineSection } from '../modules/reports/partner-360'
import { TrainingHome } from '../modules/training/training-home'
import { partner360 } from '../modules/reports/reports.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(await partner360(actor, params.orgId!))
})

/** Everything about one partner; each part is one section component (reports/partner-360.tsx). */
export default function Partner360() {
  const d = useLoaderData<typeof loader>()
  const { t, money, moneyCompact, number } = useT()
  const s = d.stats
  return (
    <>
      <PageHeader
        title={d.org.name}
        subtitle={t('reports.partner.subtitle', { tier: d.org.tier ? t(`tiers.${d.org.tier}`) : '—', region: d.org.region ?? t('reports.noRegion') })}
        actions={<Link to={`/organisations/${d.org.id}`} className="btn">{t('nav.team')}</Link>}
      />
      <div className="stat-grid">
        <div className="stat">
          <span className="stat-value" title={money(s?.openAmount ?? 0, 'IDR')}>{moneyCompact(s?.openAmount ?? 0, 'IDR')}</span>
          <span className="stat-label">{t('reports.partners.openPipeline')}</span>
        </div>
        <div className="stat">
          <span className="stat-value" title={money(s?.wonAmount ?? 0, 'IDR')}>{moneyCompact(s?.wonAmount ?? 0, 'IDR')}</span>
          <span className="stat-label">{t('reports.partners.won')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{s?.winRate != null ? `${Math.round(s.winRate * 100)}%` : '—'}</span>
          <span className="stat-label">{t('reports.partners.winRate')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{s?.avgCycleDays != null ? t('reports.partner.days', { days: number(Math.round(s.avgCycleDays)) }) : '—'}</span>
          <span className="stat-label">{t('reports.partner.avgCycle')}</span>
        </div>
      </div>
      <PlansSection plans={d.plans} />
      <div className="grid-2">
        <TrainingHome data={d.tier} />
        <CertificationsSection certifications={d.certifications} />
      </div>
      <div className="grid-2">
        <RegistrationsSection orgId={d.org.id} registrations={d.registrations} />
        <OpportunitiesSection opportunities={d.opportunities} />
      </div>
      <div className="grid-2">
        <PeopleSection people={d.people} />
        <TimelineSection events={d.timeline} />
      </div>
      <EventsSection events={d.events} />
      <MdfBalancesSection mdf={d.mdf} vendor />
    </>
  )
}
