import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { requireCapability } from '../modules/auth/require-actor.server'
import { TIERS } from '../modules/orgs/orgs.schema'
import { organisationRegions } from '../modules/orgs/orgs.server'
import { PlanStatusBadge } from '../modules/plans/plan-status'
import { listPartners } from '../modules/reports/reports.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ tier: z.enum(TIERS).optional().catch(undefined), region: z.string().max(100).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:reports')
  const url = new URL(request.url)
  const { page, q } = listParams(url, ['name'], 'name')
  const f = Filters.parse({ tier: url.searchParams.get('tier') || undefined, region: url.searchParams.get('region') || undefined })
  const year = new Date().getUTCFullYear()
  return json({ list: await listPartners(actor, { q, page, tier: f.tier, region: f.region, year }), regions: await organisationRegions(actor, 'partner'), year })
})

export default function Partners() {
  const d = useLoaderData<typeof loader>()
  const { t, moneyCompact, money, number } = useT()
  const { search } = useLocation()
  const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
  return (
    <ListPage
      title={t('reports.partners.title')}
      actions={<a className="btn" href={`/reports/partners.csv${search}`} download>{t('reports.partners.export')}</a>}
      searchPlaceholder={t('reports.partners.search')}
      filters={
        <>
          <FilterSelect name="tier" label={t('reports.partners.tier')} allLabel={t('reports.partners.allTiers')} options={TIERS.map((x) => ({ value: x, label: t(`tiers.${x}`) }))} />
          <FilterSelect name="region" label={t('reports.partners.region')} allLabel={t('reports.partners.allRegions')} options={d.regions.map((r) => ({ value: r, label: r }))} />
        </>
      }
      page={d.list}
      empty={t('reports.partners.empty')}
      columns={[
        { label: t('fields.name'), cell: (r) => <Link to={`/partners/${r.id}`}>{r.name}</Link> },
        { label: t('reports.partners.tier'), cell: (r) => (r.tier ? t(`tiers.${r.tier}`) : '—') },
        { label: t('reports.partners.region'), cell: (r) => r.region ?? '—' },
        { label: t('reports.partners.openPipeline'), numeric: true, cell: (r) => <span title={money(r.stats?.openAmount ?? 0, 'IDR')}>{moneyCompact(r.stats?.openAmount ?? 0, 'IDR')}</span> },
        { label: t('reports.partners.won'), numeric: true, cell: (r) => <span title={money(r.stats?.wonAmount ?? 0, 'IDR')}>{moneyCompact(r.stats?.wonAmount ?? 0, 'IDR')}</span> },
        { label: t('reports.partners.winRate'), numeric: true, cell: (r) => percent(r.stats?.winRate ?? null) },
        { label: t('reports.partners.registrations'), numeric: true, cell: (r) => t('reports.partners.registrationsValue', { total: number(r.registrations.total), open: number(r.registrations.open) }) },
        { label: t('reports.partners.plan', { year: d.year }), cell: (r) => (r.plan ? <Link to={`/plans/${r.plan.id}`}><PlanStatusBadge status={r.plan.status} /></Link> : t('reports.partners.noPlan')) },
      ]}
    />
  )
}
