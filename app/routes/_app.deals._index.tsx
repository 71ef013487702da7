import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { can, scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { DealStatusBadge, TimeLeft } from '../modules/deals/deal-status'
import { DEAL_STATUSES } from '../modules/deals/deals.machine'
import { DEAL_SORTS, listDeals } from '../modules/deals/deals.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(DEAL_STATUSES).optional().catch(undefined), partner: z.string().max(64).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, DEAL_SORTS, 'age', 'desc')
  const filters = Filters.parse({ status: url.searchParams.get('status') || undefined, partner: url.searchParams.get('partner') || undefined })
  const vendor = scopeOf(actor, 'read:deal_registration') === 'any'
  return json({
    list: await listDeals(actor, { q, page, sort, dir, status: filters.status, partnerOrgId: vendor ? filters.partner : undefined }),
    partners: vendor && can(actor, 'read:organisation') ? (await listOrganisations(actor, { kind: 'partner', pageSize: 200 })).rows.map((o) => ({ id: o.id, name: o.name })) : [],
    vendor,
    canRegister: can(actor, 'register:deal_registration', { orgId: actor.orgId }),
    canApprove: can(actor, 'approve:deal_registration'),
    now: Date.now(),
  })
})

export default function Deals() {
  const d = useLoaderData<typeof loader>()
  const { t, money, date } = useT()
  const register = d.canRegister ? <Link to="/deals/new" className="btn btn-primary">{t('deals.new')}</Link> : null
  return (
    <ListPage
      title={t('deals.title')}
      actions={
        <>
          {d.canApprove ? <Link to="/deals/approvals" className="btn">{t('deals.approvals')}</Link> : null}
          {register}
        </>
      }
      searchPlaceholder={t('deals.searchPlaceholder')}
      filters={
        <>
          <FilterSelect name="status" label={t('fields.status')} allLabel={t('list.allStatuses')} options={DEAL_STATUSES.map((s) => ({ value: s, label: t(`deals.status.${s}`) }))} />
          {d.partners.length ? <FilterSelect name="partner" label={t('deals.fields.partner')} allLabel={t('deals.allPartners')} options={d.partners.map((p) => ({ value: p.id, label: p.name }))} /> : null}
        </>
      }
      page={d.list}
      empty={d.vendor ? t('deals.empty') : t('deals.emptyPartner')}
      emptyAction={register}
      columns={[
        {
          label: t('deals.fields.customerName'),
          sort: 'customer',
          cell: (r) => (
            <>
              <Link to={`/deals/${r.id}`}>{r.customerName}</Link>
              {r.underReview ? <span className="badge badge-amber" title={t('deals.conflictUnderReview')}> ⚠</span> : null}
            </>
          ),
        },
        ...(d.vendor ? [{ label: t('deals.fields.partner'), cell: (r: (typeof d.list.rows)[number]) => r.partnerName }] : []),
        { label: t('fields.status'), sort: 'status', cell: (r) => <DealStatusBadge status={r.status} /> },
        { label: t('deals.fields.value'), sort: 'value', numeric: true, cell: (r) => money(r.valueMinor, r.currency) },
        { label: t('deals.fields.submittedAt'), sort: 'age', cell: (r) => date(r.submittedAt ?? r.createdAt) },
        { label: t('deals.fields.timeLeft'), sort: 'expiry', cell: (r) => (r.status === 'approved' ? <TimeLeft protectedUntil={r.protectedUntil} now={d.now} /> : '—') },
      ]}
    />
  )
}
