import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { EmptyState, PageHeader, Pagination, SearchBox, SortHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { listContacts } from '../modules/crm/crm.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  const { page, sort, dir, q } = listParams(new URL(request.url), ['name', 'account', 'updatedAt'], 'name')
  return json({ ...listContacts(actor, { q, page, sort, dir }), canWrite: can(actor, 'write:crm') })
})

export default function Contacts() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('contacts.title')} actions={data.canWrite ? <Link to="/contacts/new" className="btn btn-primary">{t('contacts.new')}</Link> : null} />
      <SearchBox placeholder={t('contacts.searchPlaceholder')} />
      {data.rows.length === 0 ? <EmptyState message={params.get('q') ? t('list.noMatches') : t('contacts.empty')} /> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader column="name" label={t('fields.name')} />
                <th scope="col">{t('fields.jobTitle')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('fields.phone')}</th>
                <SortHeader column="account" label={t('fields.account')} />
              </tr>
            </thead>
            <tbody>
              {data.rows.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('fields.name')}><Link to={`/contacts/${c.id}`}>{[c.firstName, c.lastName].filter(Boolean).join(' ')}</Link></td>
                  <td data-label={t('fields.jobTitle')}>{c.title ?? '—'}</td>
                  <td data-label={t('fields.email')}>{c.email ?? '—'}</td>
                  <td data-label={t('fields.phone')}>{c.phone ?? '—'}</td>
                  <td data-label={t('fields.account')}>{c.accountId ? <Link to={`/accounts/${c.accountId}`}>{c.accountName}</Link> : '—'}</td>
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
