import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { DataTable } from '../components/list-page'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { PriceChart } from '../modules/suppliers/supplier-ui'
import { catalogItem, priceOn } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const DateQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined)

/** One catalog item: its details, its price history as a chart and a table, and "the price on date D". */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const item = await catalogItem(actor, params.orgId!, params.sku!)
  const on = DateQuery.parse(new URL(request.url).searchParams.get('on') ?? undefined)
  return json({ ...item, on: on ?? null, priceOnDate: on ? await priceOn(actor, params.orgId!, params.sku!, on) : null })
})

export default function CatalogItemPage() {
  const d = useLoaderData<typeof loader>()
  const { t, money, calendarDate, dateTime, number } = useT()
  const fmt = (minor: number) => money(minor, d.item.currency)
  return (
    <>
      <PageHeader title={`${d.item.sku} — ${d.item.name}`} subtitle={<Link to={`/suppliers/${d.item.orgId}/catalog`}>{t('suppliers.catalog.itemsTitle', { supplier: d.supplierName })}</Link>} />
      <section className="card">
        <dl className="key-values">
          <dt>{t('suppliers.catalog.fields.priceToday')}</dt>
          <dd>{d.priceToday ? money(d.priceToday.minor, d.priceToday.currency) : '—'}</dd>
          <dt>{t('suppliers.catalog.fields.unit')}</dt>
          <dd>{d.item.unit}</dd>
          <dt>{t('suppliers.catalog.fields.minOrder')}</dt>
          <dd>{number(d.item.minOrderQty)}</dd>
          <dt>{t('suppliers.catalog.fields.leadTime')}</dt>
          <dd>{d.item.leadTimeDays ?? '—'}</dd>
          <dt>{t('suppliers.catalog.fields.category')}</dt>
          <dd>{d.item.category ?? '—'}</dd>
          <dt>{t('suppliers.catalog.fields.active')}</dt>
          <dd>{d.item.active ? t('suppliers.keys.active') : t('suppliers.catalog.inactive')}</dd>
        </dl>
        {d.item.description ? <p>{d.item.description}</p> : null}
      </section>
      <section>
        <h2>{t('suppliers.catalog.priceHistory')}</h2>
        <PriceChart title={t('suppliers.catalog.priceChart', { sku: d.item.sku })} points={d.prices.filter((p) => p.currency === d.item.currency).map((p) => ({ date: p.effectiveFrom, minor: p.priceMinor }))} format={fmt} />
        <DataTable
          caption={t('suppliers.catalog.priceHistory')}
          rows={d.prices.map((p, i) => ({ ...p, id: String(i) }))}
          columns={[
            { label: t('suppliers.catalog.fields.effectiveFrom'), cell: (p) => <>{calendarDate(p.effectiveFrom)}{p.effectiveTo ? ` (${t('suppliers.catalog.until', { date: calendarDate(p.effectiveTo) })})` : ''}</> },
            { label: t('suppliers.catalog.fields.price'), numeric: true, cell: (p) => money(p.priceMinor, p.currency) },
            { label: t('suppliers.catalog.status.approved'), cell: (p) => dateTime(p.approvedAt) },
          ]}
        />
      </section>
      <section className="card">
        <h2>{t('suppliers.catalog.priceOnDate')}</h2>
        <Form method="get" className="filters">
          <label htmlFor="on">{t('suppliers.catalog.priceOnDate')}</label>
          <input id="on" name="on" type="date" defaultValue={d.on ?? ''} required />
          <button type="submit" className="btn">{t('suppliers.catalog.check')}</button>
        </Form>
        {d.on ? (
          <p role="status">
            {d.priceOnDate ? t('suppliers.catalog.priceOnDateResult', { date: calendarDate(d.on), price: money(d.priceOnDate.minor, d.priceOnDate.currency) }) : t('suppliers.catalog.noPriceOnDate', { date: calendarDate(d.on) })}
          </p>
        ) : null}
      </section>
    </>
  )
}
