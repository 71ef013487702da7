import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { DataTable, FilterSelect, Pagination } from '../components/list-page'
import { EmptyState, PageHeader, SearchBox } from '../components/ui'
import { listParams } from '../kit/paginate'
import { can, scopeOf } from '../modules/auth/actor'
import { requireCapability } from '../modules/auth/require-actor.server'
import { BalanceTiles, ClaimStatusBadge, RequestStatusBadge } from '../modules/mdf/mdf-ui'
import { REQUEST_STATUSES } from '../modules/mdf/mdf.machine'
import { listFunds, listRequests, mdfBalancesFor, mdfQueueCounts, REQUEST_SORTS } from '../modules/mdf/mdf.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum([...REQUEST_STATUSES, 'open']).optional().catch(undefined), fund: z.string().max(64).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:mdf')
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, REQUEST_SORTS, 'created', 'desc')
  const f = Filters.parse({ status: url.searchParams.get('status') || undefined, fund: url.searchParams.get('fund') || undefined })
  const vendor = scopeOf(actor, 'read:mdf') === 'any'
  const funds = await listFunds(actor)
  return json({
    vendor,
    funds: funds.map((x) => ({ id: x.id, name: x.name, currency: x.currency, periodStart: x.periodStart, periodEnd: x.periodEnd, budgetMinor: x.budgetMinor, expired: Boolean(x.expiredAt), balances: x.balances, partners: x.partners })),
    balances: vendor ? null : await mdfBalancesFor(actor, actor.orgId),
    queue: await mdfQueueCounts(actor),
    list: await listRequests(actor, { q, page, sort, dir, status: f.status, fundId: f.fund }),
    canRequest: scopeOf(actor, 'request:mdf') === 'own_org',
    canManage: can(actor, 'manage:mdf'),
    canPayout: scopeOf(actor, 'manage:payout_account') === 'own_org',
  })
})

export default function Mdf() {
  const d = useLoaderData<typeof loader>()
  const { t, money, calendarDate, date, number } = useT()
  const newRequest = d.canRequest && d.funds.some((f) => !f.expired) ? <Link to="/mdf/requests/new" className="btn btn-primary">{t('mdf.newRequest')}</Link> : null
  return (
    <>
      <PageHeader
        title={t('mdf.title')}
        actions={
          <>
            {newRequest}
            {d.canManage ? <Link to="/mdf/funds/new" className="btn">{t('mdf.fund.new')}</Link> : null}
            {d.canPayout ? <Link to="/mdf/payouts" className="btn">{t('mdf.payout.settings')}</Link> : null}
          </>
        }
      />
      {d.queue ? (
        <div className="stat-grid">
          <Link to="/approvals?kind=mdf_request" className={`stat${d.queue.requests ? ' stat-alert' : ''}`}>
            <span className="stat-value">{number(d.queue.requests)}</span>
            <span className="stat-label">{t('mdf.queue.requestsWaiting')}</span>
          </Link>
          <Link to="/approvals?kind=mdf_claim" className={`stat${d.queue.claims ? ' stat-alert' : ''}`}>
            <span className="stat-value">{number(d.queue.claims)}</span>
            <span className="stat-label">{t('mdf.queue.claimsWaiting')}</span>
          </Link>
        </div>
      ) : null}
      {d.balances?.totals.map((total) => (
        <section key={total.currency} aria-label={t('mdf.balances.title')}>
          <h2>{t('mdf.balances.titleCurrency', { currency: total.currency })}</h2>
          <BalanceTiles balances={total.balances} currency={total.currency} />
        </section>
      ))}
      <section className="card">
        <h2>{t('mdf.funds')}</h2>
        {d.funds.length ? (
          <DataTable
            caption={t('mdf.funds')}
            rows={d.funds}
            columns={[
              { label: t('mdf.fields.fund'), cell: (r) => (d.vendor ? <Link to={`/mdf/funds/${r.id}`}>{r.name}</Link> : r.name) },
              { label: t('mdf.fields.period'), cell: (r) => `${calendarDate(r.periodStart)} – ${calendarDate(r.periodEnd)}${r.expired ? ` · ${t('mdf.fund.expired')}` : ''}` },
              ...(d.vendor ? [{ label: t('mdf.fields.budget'), numeric: true, cell: (r: (typeof d.funds)[number]) => money(r.budgetMinor, r.currency) }] : []),
              { label: t('mdf.balances.allocated'), numeric: true, cell: (r) => money(r.balances.allocated, r.currency) },
              { label: t('mdf.balances.committed'), numeric: true, cell: (r) => money(r.balances.committed, r.currency) },
              { label: t('mdf.balances.paid'), numeric: true, cell: (r) => money(r.balances.paid, r.currency) },
              { label: t('mdf.balances.available'), numeric: true, cell: (r) => money(r.balances.available, r.currency) },
              ...(d.vendor
                ? [{ label: t('mdf.fund.partners'), numeric: true, cell: (r: (typeof d.funds)[number]) => number(r.partners) }]
                : [{ label: t('mdf.statement'), cell: (r: (typeof d.funds)[number]) => <a href={`/mdf/statement/${r.id}`} download>{t('mdf.statementPdf')}</a> }]),
            ]}
          />
        ) : (
          <EmptyState message={d.vendor ? t('mdf.fund.empty') : t('mdf.fund.emptyPartner')} action={d.canManage ? <Link to="/mdf/funds/new" className="btn btn-primary">{t('mdf.fund.new')}</Link> : undefined} />
        )}
      </section>
      <h2>{t('mdf.requests')}</h2>
      <SearchBox placeholder={t('mdf.searchPlaceholder')}>
        <FilterSelect name="status" label={t('fields.status')} allLabel={t('mdf.allStatuses')} options={[{ value: 'open', label: t('mdf.status.open') }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`mdf.status.${s}`) }))]} />
        {d.funds.length > 1 ? <FilterSelect name="fund" label={t('mdf.fields.fund')} allLabel={t('mdf.allFunds')} options={d.funds.map((f) => ({ value: f.id, label: f.name }))} /> : null}
      </SearchBox>
      {d.list.rows.length === 0 && d.list.total === 0 ? (
        <EmptyState message={d.vendor ? t('mdf.emptyRequests') : t('mdf.emptyRequestsPartner')} action={newRequest ?? undefined} />
      ) : (
        <DataTable
          caption={t('mdf.requests')}
          rows={d.list.rows}
          columns={[
            { label: t('mdf.fields.number'), sort: 'number', cell: (r) => <Link to={`/mdf/requests/${r.id}`}>{r.number}</Link> },
            { label: t('mdf.fields.title'), cell: (r) => <Link to={`/mdf/requests/${r.id}`}>{r.title}</Link> },
            ...(d.vendor ? [{ label: t('mdf.fields.partner'), cell: (r: (typeof d.list.rows)[number]) => r.orgName }] : []),
            { label: t('fields.status'), cell: (r) => <RequestStatusBadge status={r.status} /> },
            { label: t('mdf.claim.title'), cell: (r) => (r.claimStatus ? <ClaimStatusBadge status={r.claimStatus} /> : r.status === 'approved' && r.claimDueOn ? t('mdf.claim.dueOn', { date: calendarDate(r.claimDueOn) }) : '—') },
            { label: t('mdf.fields.activityDates'), sort: 'starts', cell: (r) => `${calendarDate(r.startsOn)} – ${calendarDate(r.endsOn)}` },
            { label: t('mdf.fields.requestedShort'), sort: 'amount', numeric: true, cell: (r) => money(r.requestedMinor, r.currency) },
            { label: t('mdf.fields.approved'), numeric: true, cell: (r) => (r.approvedMinor === null ? '—' : money(r.approvedMinor, r.currency)) },
            { label: t('mdf.fields.submitted'), sort: 'submitted', cell: (r) => (r.submittedAt ? date(r.submittedAt) : t('mdf.status.draft')) },
          ]}
        />
      )}
      <Pagination page={d.list.page} total={d.list.total} pageSize={d.list.pageSize} />
    </>
  )
}
