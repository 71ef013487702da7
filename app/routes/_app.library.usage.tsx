import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { libraryUsage } from '../modules/library/library.server'
import { WeeklyUse } from '../modules/library/usage-charts'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(await libraryUsage(actor, { days: 90 }))
})

export default function LibraryUsage() {
  const d = useLoaderData<typeof loader>()
  const { t, number, date } = useT()
  const orgRows = d.byOrg.map((o) => ({ ...o, id: o.orgId }))
  return (
    <>
      <PageHeader title={t('library.usage.title')} subtitle={t('library.usage.subtitle', { days: d.days })} />
      {orgRows.length === 0 ? (
        <EmptyState message={t('library.usage.none')} />
      ) : (
        <>
          <section className="card">
            <h2>{t('library.usage.byOrg')}</h2>
            <DataTable
              caption={t('library.usage.byOrg')}
              rows={orgRows}
              columns={[
                { label: t('library.usage.org'), cell: (r) => r.orgName },
                { label: t('library.usage.views'), numeric: true, cell: (r) => number(r.views) },
                { label: t('library.usage.downloads'), numeric: true, cell: (r) => number(r.downloads) },
                { label: t('library.usage.items'), numeric: true, cell: (r) => number(r.items) },
                { label: t('library.usage.topItems'), cell: (r) => r.topItems.map((i, n) => <span key={i.id}>{n ? ', ' : ''}<Link to={`/library/${i.id}`}>{i.title}</Link> ({number(i.downloads)})</span>) },
                { label: t('library.usage.lastUse'), cell: (r) => date(r.lastAt) },
              ]}
            />
          </section>
          <section className="card">
            <h2>{t('library.usage.byItem')}</h2>
            <DataTable
              caption={t('library.usage.byItem')}
              rows={d.byItem}
              columns={[
                { label: t('library.usage.item'), cell: (r) => <Link to={`/library/${r.id}/usage`}>{r.title}</Link> },
                { label: t('library.usage.views'), numeric: true, cell: (r) => number(r.views) },
                { label: t('library.usage.downloads'), numeric: true, cell: (r) => number(r.downloads) },
                { label: t('library.usage.orgs'), numeric: true, cell: (r) => number(r.orgs) },
              ]}
            />
          </section>
        </>
      )}
      <WeeklyUse weekly={d.weekly} />
    </>
  )
}
