import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { EmptyState, PageHeader, Pagination, SearchBox, SortHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ACCOUNT_SORTS, accountFilterOptions, listAccounts } from '../modules/crm/crm.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, ACCOUNT_SORTS, 'name')
  const region = url.searchParams.get('region') || undefined
  const industry = url.searchParams.get('industry') || undefined
  return json({ ...listAccounts(actor, { q, region, industry, sort, dir, page }), filters: accountFilterOptions(actor), canWrite: can(actor, 'write:crm') })
})

export default function Accounts() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t, date } = useT()
  return (
    <>
      <PageHeader title={t('accounts.title')} actions={data.canWrite ? <Link to="/accounts/new" className="btn btn-primary">{t('accounts.new')}</Link> : null} />
      <SearchBox placeholder={t('accounts.searchPlaceholder')}>
        <label className="sr-only" htmlFor="region">{t('fields.region')}</label>
        <select id="region" name="region" defaultValue={params.get('region') ?? ''}>
          <option value="">{t('list.allRegions')}</option>
          {data.filters.regions.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <label className="sr-only" htmlFor="industry">{t('fields.industry')}</label>
        <select id="industry" name="industry" defaultValue={params.get('industry') ?? ''}>
          <option value="">{t('list.allIndustries')}</option>
          {data.filters.industries.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </SearchBox>
      {data.rows.length === 0 ? (
        <EmptyState message={params.toString() ? t('list.noMatches') : t('accounts.empty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader column="name" label={t('fields.companyName')} />
                <th scope="col">{t('fields.website')}</th>
                <SortHeader column="city" label={t('fields.city')} />
                <SortHeader column="region" label={t('fields.region')} />
                <th scope="col">{t('fields.owner')}</th>
                <SortHeader column="updatedAt" label={t('fields.updated')} />
              </tr>
            </thead>
            <tbody>
              {data.rows.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('fields.companyName')}><Link to={`/accounts/${a.id}`}>{a.name}</Link></td>
                  <td data-label={t('fields.website')}>{a.domain ?? '—'}</td>
                  <td data-label={t('fields.city')}>{a.city ?? '—'}</td>
                  <td data-label={t('fields.region')}>{a.region ?? '—'}</td>
                  <td data-label={t('fields.owner')}>{a.ownerName ?? '—'}</td>
                  <td data-label={t('fields.updated')}>{date(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
    </>
  )
}
