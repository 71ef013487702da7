import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { CONTACT_SORTS, listContacts } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, CONTACT_SORTS, 'name')
  const accountId = url.searchParams.get('account')?.slice(0, 64) || undefined
  return json({ list: await listContacts(actor, { q, page, sort, dir, accountId }), canWrite: can(actor, 'write:crm') })
})

export default function Contacts() {
  const { list, canWrite } = useLoaderData<typeof loader>()
  const { t } = useT()
  const newContact = canWrite ? <Link to="/contacts/new" className="btn btn-primary">{t('contacts.new')}</Link> : null
  return (
    <ListPage
      title={t('contacts.title')}
      actions={newContact}
      searchPlaceholder={t('contacts.searchPlaceholder')}
      page={list}
      empty={t('contacts.empty')}
      emptyAction={newContact}
      columns={[
        { label: t('fields.name'), sort: 'name', cell: (c) => <Link to={`/contacts/${c.id}`}>{[c.firstName, c.lastName].filter(Boolean).join(' ')}</Link> },
        { label: t('fields.jobTitle'), cell: (c) => c.title ?? '—' },
        { label: t('fields.email'), cell: (c) => c.email ?? '—' },
        { label: t('fields.phone'), cell: (c) => c.phone ?? '—' },
        { label: t('fields.account'), sort: 'account', cell: (c) => (c.accountId ? <Link to={`/accounts/${c.accountId}`}>{c.accountName}</Link> : '—') },
      ]}
    />
  )
}
