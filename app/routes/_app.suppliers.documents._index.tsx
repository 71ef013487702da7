import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { pendingDocuments } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** Documents waiting for procurement, oldest first. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'approve:supplier_document')
  return json({ rows: await pendingDocuments(actor, 200) })
})

export default function DocumentReviews() {
  const d = useLoaderData<typeof loader>()
  const { t, dateTime, calendarDate } = useT()
  return (
    <>
      <PageHeader title={t('suppliers.docs.reviewTitle')} />
      {d.rows.length === 0 ? (
        <EmptyState message={t('suppliers.docs.none')} />
      ) : (
        <DataTable
          caption={t('suppliers.docs.reviewTitle')}
          rows={d.rows}
          columns={[
            { label: t('suppliers.catalog.fields.supplier'), cell: (r) => <Link to={`/suppliers/${r.orgId}`}>{r.orgName}</Link> },
            { label: t('suppliers.docs.type'), cell: (r) => <Link to={`/suppliers/documents/${r.id}`}>{r.typeName}</Link> },
            { label: t('suppliers.docs.expiresOn'), cell: (r) => (r.expiresOn ? calendarDate(r.expiresOn) : '—') },
            { label: t('suppliers.catalog.fields.waiting'), cell: (r) => dateTime(r.createdAt) },
          ]}
        />
      )}
    </>
  )
}
