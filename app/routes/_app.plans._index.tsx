import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { can, scopeOf } from '../modules/auth/actor'
import { requireCapability } from '../modules/auth/require-actor.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { PlanStatusBadge } from '../modules/plans/plan-status'
import { PLAN_STATUSES } from '../modules/plans/plans.machine'
import { listPlans, PLAN_SORTS } from '../modules/plans/plans.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  partner: z.string().max(64).optional().catch(undefined),
})

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:plan')
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, PLAN_SORTS, 'year', 'desc')
  const f = Filters.parse({ status: url.searchParams.get('status') || undefined, year: url.searchParams.get('year') || undefined, partner: url.searchParams.get('partner') || undefined })
  const vendor = scopeOf(actor, 'read:plan') === 'any'
  const thisYear = new Date().getUTCFullYear()
  return json({
    list: await listPlans(actor, { q, page, sort, dir, status: f.status, year: f.year, partnerOrgId: vendor ? f.partner : undefined }),
    partners: vendor && can(actor, 'read:organisation') ? (await listOrganisations(actor, { kind: 'partner', pageSize: 200 })).rows.map((o) => ({ id: o.id, name: o.name })) : [],
    years: [thisYear + 1, thisYear, thisYear - 1, thisYear - 2],
    vendor,
    canCreate: can(actor, 'manage:plan'),
  })
})

export default function Plans() {
  const d = useLoaderData<typeof loader>()
  const { t, date } = useT()
  const create = d.canCreate ? <Link to="/plans/new" className="btn btn-primary">{t('plans.new')}</Link> : null
  return (
    <ListPage
      title={t('plans.title')}
      actions={create}
      searchPlaceholder={t('plans.searchPlaceholder')}
      filters={
        <>
          <FilterSelect name="year" label={t('plans.fields.year')} allLabel={t('plans.allYears')} options={d.years.map((y) => ({ value: String(y), label: String(y) }))} />
          <FilterSelect name="status" label={t('plans.fields.status')} allLabel={t('plans.allStatuses')} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))} />
          {d.partners.length ? <FilterSelect name="partner" label={t('plans.fields.partner')} allLabel={t('deals.allPartners')} options={d.partners.map((p) => ({ value: p.id, label: p.name }))} /> : null}
        </>
      }
      page={d.list}
      empty={d.vendor ? t('plans.empty') : t('plans.emptyPartner')}
      emptyAction={create}
      columns={[
        { label: t('plans.fields.title'), cell: (r) => <Link to={`/plans/${r.id}`}>{r.title}</Link> },
        ...(d.vendor ? [{ label: t('plans.fields.partner'), sort: 'partner', cell: (r: (typeof d.list.rows)[number]) => r.partnerName }] : []),
        { label: t('plans.fields.year'), sort: 'year', numeric: true, cell: (r) => r.year },
        { label: t('plans.fields.status'), sort: 'status', cell: (r) => <PlanStatusBadge status={r.status} /> },
        { label: t('plans.fields.version'), numeric: true, cell: (r) => r.version },
        { label: t('plans.fields.updated'), sort: 'updated', cell: (r) => date(r.updatedAt) },
      ]}
    />
  )
}
