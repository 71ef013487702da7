import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { SupplierStatusBadge } from '../modules/suppliers/supplier-ui'
import { compareSuppliers } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** Suppliers side by side: category, rating, documents, catalog size, prices. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:supplier')
  const ids = new URL(request.url).searchParams.getAll('id').filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)).slice(0, 4)
  return json({ rows: await compareSuppliers(actor, ids) })
})

export default function Compare() {
  const d = useLoaderData<typeof loader>()
  const { t, money, number } = useT()
  if (d.rows.length === 0) return (<><PageHeader title={t('suppliers.compareTitle')} /><p>{t('suppliers.compareHint')}</p><Link to="/suppliers">{t('suppliers.title')}</Link></>)
  const row = (label: string, cell: (r: (typeof d.rows)[number]) => React.ReactNode) => (
    <tr>
      <th scope="row">{label}</th>
      {d.rows.map((r) => <td key={r.id}>{cell(r)}</td>)}
    </tr>
  )
  return (
    <>
      <PageHeader title={t('suppliers.compareTitle')} />
      <div className="table-wrap">
        <table className="compare">
          <caption className="sr-only">{t('suppliers.compareTitle')}</caption>
          <thead>
            <tr>
              <td />
              {d.rows.map((r) => <th key={r.id} scope="col"><Link to={`/suppliers/${r.id}`}>{r.name}</Link></th>)}
            </tr>
          </thead>
          <tbody>
            {row(t('fields.status'), (r) => <SupplierStatusBadge status={r.status} />)}
            {row(t('suppliers.fields.vendorCode'), (r) => r.vendorCode ?? '—')}
            {row(t('suppliers.fields.categories'), (r) => r.categories.join(', ') || '—')}
            {row(t('suppliers.fields.rating'), (r) => (r.rating !== null ? `${r.rating}/5` : '—'))}
            {row(t('suppliers.fields.documents'), (r) => t('suppliers.documentsOk', { ok: r.documentsOk, required: r.documentsRequired }))}
            {row(t('suppliers.fields.catalogSize'), (r) => number(r.catalogSize))}
            {row(t('suppliers.catalog.fields.price'), (r) => (r.priceRange ? `${money(r.priceRange.min, r.priceRange.currency)} – ${money(r.priceRange.max, r.priceRange.currency)}` : '—'))}
          </tbody>
        </table>
      </div>
    </>
  )
}
