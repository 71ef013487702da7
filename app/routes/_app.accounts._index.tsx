import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ACCOUNT_SORTS, accountFilterOptions, listAccounts } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q, after, before } = listParams(url, ACCOUNT_SORTS, 'name')
  const region = url.searchParams.get('region') || undefined
  const industry = url.searchParams.get('industry') || undefined
  return json({ list: await listAccounts(actor, { q, region, industry, sort, dir, page, after, before }), filters: await accountFilterOptions(actor), canWrite: can(actor, 'write:crm') })
})

export default function Accounts() {
  const { list, filters, canWrite } = useLoaderData<typeof loader>()
  const { t, date } = useT()
  const newAccount = canWrite ? <Link to="/accounts/new" className="btn btn-primary">{t('accounts.new')}</Link> : null
  return (
    <ListPage
      title={t('accounts.title')}
      actions={newAccount}
      searchPlaceholder={t('accounts.searchPlaceholder')}
      filters={
        <>
          <FilterSelect name="region" label={t('fields.region')} allLabel={t('list.allRegions')} options={filters.regions.map((r) => ({ value: r, label: r }))} />
          <FilterSelect name="industry" label={t('fields.industry')} allLabel={t('list.allIndustries')} options={filters.industries.map((r) => ({ value: r, label: r }))} />
        </>
      }
      page={list}
      empty={t('accounts.empty')}
      emptyAction={newAccount}
      columns={[
        { label: t('fields.companyName'), sort: 'name', cell: (a) => <Link to={`/accounts/${a.id}`}>{a.name}</Link> },
        { label: t('fields.website'), cell: (a) => a.domain ?? '—' },
        { label: t('fields.city'), sort: 'city', cell: (a) => a.city ?? '—' },
        { label: t('fields.region'), sort: 'region', cell: (a) => a.region ?? '—' },
        { label: t('fields.owner'), cell: (a) => a.ownerName ?? '—' },
        { label: t('fields.updated'), sort: 'updatedAt', cell: (a) => date(a.updatedAt) },
      ]}
    />
  )
}
