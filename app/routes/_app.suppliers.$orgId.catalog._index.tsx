import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { requireActor } from '../modules/auth/require-actor.server'
import { Badge } from '../components/ui'
import { catalogOwner, listCatalogItems, ITEM_SORTS } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** A supplier's approved catalog: procurement reads every supplier's, a supplier its own. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { page, sort, dir, q } = listParams(new URL(request.url), ITEM_SORTS, 'sku', 'asc')
  const list = await listCatalogItems(actor, params.orgId!, { page, sort, dir, q })
  return json({ list, supplier: catalogOwner(params.orgId!) })
})

export default function SupplierCatalogItems() {
  const d = useLoaderData<typeof loader>()
  const { t, money, number } = useT()
  return (
    <ListPage
      title={t('suppliers.catalog.itemsTitle', { supplier: d.supplier.name })}
      searchPlaceholder={t('suppliers.catalog.searchItems')}
      page={d.list}
      empty={t('suppliers.catalog.noItems')}
      columns={[
        { label: t('suppliers.catalog.fields.sku'), sort: 'sku', cell: (r) => <Link to={`/suppliers/${d.supplier.id}/catalog/${encodeURIComponent(r.sku)}`}>{r.sku}</Link> },
        { label: t('suppliers.catalog.fields.name'), sort: 'name', cell: (r) => (r.active ? r.name : <>{r.name} <Badge>{t('suppliers.catalog.inactive')}</Badge></>) },
        { label: t('suppliers.catalog.fields.unit'), cell: (r) => r.unit },
        { label: t('suppliers.catalog.fields.category'), cell: (r) => r.category ?? '—' },
        { label: t('suppliers.catalog.fields.minOrder'), numeric: true, cell: (r) => number(r.minOrderQty) },
        { label: t('suppliers.catalog.fields.priceToday'), sort: 'price', numeric: true, cell: (r) => (r.priceToday ? money(r.priceToday.minor, r.priceToday.currency) : '—') },
      ]}
    />
  )
}
