import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { requireCapability } from '../modules/auth/require-actor.server'
import { CatalogStatusBadge } from '../modules/suppliers/supplier-ui'
import { CATALOG_STATUSES } from '../modules/suppliers/suppliers.machine'
import { listCatalogVersions, VERSION_SORTS } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(CATALOG_STATUSES).or(z.literal('all')).catch('submitted') })

/** Procurement's list: versions awaiting review, oldest first, by default. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'approve:catalog')
  const url = new URL(request.url)
  const { page, sort, dir } = listParams(url, VERSION_SORTS, 'age', 'asc')
  const raw = url.searchParams.get('status')
  const { status } = Filters.parse({ status: raw === null ? 'submitted' : raw === '' ? 'all' : raw })
  return json({ list: await listCatalogVersions(actor, { page, sort, dir, status: status === 'all' ? undefined : status }), status, now: Date.now() })
})

export default function CatalogVersions() {
  const d = useLoaderData<typeof loader>()
  const { t, dateTime, number } = useT()
  return (
    <ListPage
      title={d.status === 'submitted' ? t('suppliers.catalog.awaitingTitle') : t('suppliers.catalog.versionsTitle')}
      searchPlaceholder={t('suppliers.catalog.searchItems')}
      filters={
        <>
          <label className="sr-only" htmlFor="status">{t('fields.status')}</label>
          <select id="status" name="status" defaultValue={d.status === 'all' ? '' : d.status}>
            <option value="">{t('list.allStatuses')}</option>
            {CATALOG_STATUSES.map((s) => <option key={s} value={s}>{t(`suppliers.catalog.status.${s}`)}</option>)}
          </select>
        </>
      }
      page={d.list}
      empty={d.status === 'submitted' ? t('suppliers.catalog.emptyAwaiting') : t('suppliers.catalog.empty')}
      columns={[
        { label: t('suppliers.catalog.fields.supplier'), sort: 'supplier', cell: (r) => <Link to={`/suppliers/catalogs/${r.id}`}>{r.supplierName}</Link> },
        { label: t('suppliers.catalog.fields.number'), sort: 'number', cell: (r) => t('suppliers.catalog.version', { number: r.number }) },
        { label: t('fields.status'), sort: 'status', cell: (r) => <CatalogStatusBadge status={r.status} /> },
        { label: t('suppliers.catalog.change.new'), numeric: true, cell: (r) => number(r.newCount) },
        { label: t('suppliers.catalog.change.price_up'), numeric: true, cell: (r) => number(r.priceUpCount) },
        { label: t('suppliers.catalog.change.price_down'), numeric: true, cell: (r) => number(r.priceDownCount) },
        { label: t('suppliers.catalog.change.deactivated'), numeric: true, cell: (r) => number(r.deactivatedCount) },
        { label: t('suppliers.catalog.fields.waiting'), sort: 'age', cell: (r) => dateTime(r.submittedAt ?? r.createdAt) },
      ]}
    />
  )
}
