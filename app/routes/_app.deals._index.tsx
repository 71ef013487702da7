import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, PageHeader, Pagination, SearchBox, SortHeader } from '../components/ui'
import { can, scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { DealStatusBadge, TimeLeft } from '../modules/deals/deal-status'
import { DEAL_STATUSES } from '../modules/deals/deals.machine'
import { DEAL_SORTS, listDeals } from '../modules/deals/deals.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(DEAL_STATUSES).optional().catch(undefined), partner: z.string().max(64).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, DEAL_SORTS, 'age', 'desc')
  const filters = Filters.parse({ status: url.searchParams.get('status') || undefined, partner: url.searchParams.get('partner') || undefined })
  const vendor = scopeOf(actor, 'read:deal') === 'any'
  return json({
    ...listDeals(actor, { q, page, sort, dir, status: filters.status, partnerOrgId: vendor ? filters.partner : undefined }),
    partners: vendor ? listOrganisations(actor, { kind: 'partner', pageSize: 500 }).rows.map((o) => ({ id: o.id, name: o.name })) : [],
    vendor,
    canRegister: can(actor, 'register:deal', { orgId: actor.orgId }),
    canApprove: can(actor, 'approve:deal'),
    now: Date.now(),
  })
})

export default function Deals() {
  const d = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t, money, date } = useT()
  return (
    <>
      <PageHeader
        title={t('deals.title')}
        actions={
          <>
            {d.canApprove ? <Link to="/deals/approvals" className="btn">{t('deals.approvals')}</Link> : null}
            {d.canRegister ? <Link to="/deals/new" className="btn btn-primary">{t('deals.new')}</Link> : null}
          </>
        }
      />
      <SearchBox placeholder={t('deals.searchPlaceholder')}>
        <label className="sr-only" htmlFor="status">{t('fields.status')}</label>
        <select id="status" name="status" defaultValue={params.get('status') ?? ''}>
          <option value="">{t('list.allStatuses')}</option>
          {DEAL_STATUSES.map((s) => <option key={s} value={s}>{t(`deals.status.${s}`)}</option>)}
        </select>
        {d.vendor ? (
          <>
            <label className="sr-only" htmlFor="partner">{t('deals.fields.partner')}</label>
            <select id="partner" name="partner" defaultValue={params.get('partner') ?? ''}>
              <option value="">{t('deals.allPartners')}</option>
              {d.partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </>
        ) : null}
      </SearchBox>
      {d.rows.length === 0 ? (
        <EmptyState message={params.toString() ? t('list.noMatches') : d.vendor ? t('deals.empty') : t('deals.emptyPartner')} action={d.canRegister && !params.toString() ? <Link to="/deals/new" className="btn btn-primary">{t('deals.new')}</Link> : undefined} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader column="customer" label={t('deals.fields.customerName')} />
                {d.vendor ? <th scope="col">{t('deals.fields.partner')}</th> : null}
                <SortHeader column="status" label={t('fields.status')} />
                <SortHeader column="value" label={t('deals.fields.value')} />
                <SortHeader column="age" label={t('deals.fields.submittedAt')} />
                <SortHeader column="expiry" label={t('deals.fields.timeLeft')} />
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('deals.fields.customerName')}>
                    <Link to={`/deals/${r.id}`}>{r.customerName}</Link>
                    {r.conflictCount > 0 ? <span className="badge badge-amber" title={t('deals.conflictUnderReview')}> ⚠</span> : null}
                  </td>
                  {d.vendor ? <td data-label={t('deals.fields.partner')}>{r.partnerName}</td> : null}
                  <td data-label={t('fields.status')}><DealStatusBadge status={r.status} /></td>
                  <td data-label={t('deals.fields.value')} className="num">{money(r.valueMinor, r.currency)}</td>
                  <td data-label={t('deals.fields.submittedAt')}>{date(r.submittedAt ?? r.createdAt)}</td>
                  <td data-label={t('deals.fields.timeLeft')}>{r.status === 'approved' ? <TimeLeft protectedUntil={r.protectedUntil} now={d.now} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} total={d.total} pageSize={d.pageSize} />
    </>
  )
}
