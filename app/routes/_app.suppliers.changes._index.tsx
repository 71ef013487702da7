import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { listPendingChanges } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'approve:supplier_change')
  return json({ rows: await listPendingChanges(actor) })
})

export default function Changes() {
  const d = useLoaderData<typeof loader>()
  const { t, tl, dateTime } = useT()
  return (
    <>
      <PageHeader title={t('suppliers.changes.title')} />
      {d.rows.length === 0 ? (
        <EmptyState message={t('suppliers.changes.none')} />
      ) : (
        <DataTable
          caption={t('suppliers.changes.title')}
          rows={d.rows}
          columns={[
            { label: t('suppliers.catalog.fields.supplier'), cell: (r) => <Link to={`/suppliers/changes/${r.id}`}>{r.orgName}</Link> },
            { label: t('suppliers.catalog.fields.change'), cell: (r) => r.fields.map((f) => tl(`suppliers.change.field.${f}`)).join(', ') },
            { label: t('suppliers.catalog.fields.waiting'), cell: (r) => dateTime(r.createdAt) },
          ]}
        />
      )}
    </>
  )
}
