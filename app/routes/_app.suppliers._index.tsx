import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { EmptyState, PageHeader, SearchBox } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { SupplierStatusBadge } from '../modules/suppliers/supplier-ui'
import { listSuppliers, reviewCounts } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** Procurement's desk: what waits for review, and every supplier (tick some to compare). */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:supplier')
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 200)
  return json({ suppliers: await listSuppliers(actor, { q: q || undefined }), counts: await reviewCounts(actor) })
})

export default function Suppliers() {
  const d = useLoaderData<typeof loader>()
  const { t, number } = useT()
  return (
    <>
      <PageHeader title={t('suppliers.title')} actions={<Link to="/suppliers/invite" className="btn">{t('suppliers.invite.title')}</Link>} />
      <ul className="stat-list">
        <li><Link to="/suppliers/applications?status=submitted">{t('suppliers.applications.title')}</Link>: {number(d.counts.applications)}</li>
        <li><Link to="/suppliers/catalogs">{t('suppliers.catalog.awaitingTitle')}</Link>: {number(d.counts.versions)}</li>
        <li><Link to="/suppliers/documents">{t('suppliers.docs.reviewTitle')}</Link>: {number(d.counts.documents)}</li>
        <li><Link to="/suppliers/changes">{t('suppliers.changes.title')}</Link>: {number(d.counts.changes)}</li>
      </ul>
      <SearchBox placeholder={t('suppliers.title')} />
      {d.suppliers.length === 0 ? (
        <EmptyState message={t('suppliers.empty')} />
      ) : (
        <Form method="get" action="/suppliers/compare" className="stack">
          <p className="hint">{t('suppliers.compareHint')}</p>
          <DataTable
            caption={t('suppliers.title')}
            rows={d.suppliers}
            columns={[
              {
                label: t('suppliers.compare'),
                cell: (s) => (
                  <>
                    <label className="sr-only" htmlFor={`cmp-${s.id}`}>{`${t('suppliers.compare')} ${s.name}`}</label>
                    <input id={`cmp-${s.id}`} type="checkbox" name="id" value={s.id} />
                  </>
                ),
              },
              { label: t('fields.name'), cell: (s) => <Link to={`/suppliers/${s.id}`}>{s.name}</Link> },
              { label: t('fields.status'), cell: (s) => <SupplierStatusBadge status={s.status} /> },
              { label: t('suppliers.fields.vendorCode'), cell: (s) => s.vendorCode ?? '—' },
              { label: t('suppliers.fields.categories'), cell: (s) => s.categories.join(', ') || '—' },
              { label: t('suppliers.fields.catalogSize'), numeric: true, cell: (s) => number(s.catalogSize) },
            ]}
          />
          <div className="form-actions">
            <button type="submit" className="btn">{t('suppliers.compare')}</button>
          </div>
        </Form>
      )}
    </>
  )
}
