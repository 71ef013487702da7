import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { libraryItemUsage } from '../modules/library/library.server'
import { WeeklyUse } from '../modules/library/usage-charts'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json({ id: params.itemId!, ...(await libraryItemUsage(actor, params.itemId!)) })
})

export default function LibraryItemUsage() {
  const d = useLoaderData<typeof loader>()
  const { t, number, date } = useT()
  return (
    <>
      <PageHeader title={t('library.usage.itemTitle', { title: d.title })} actions={<Link to={`/library/${d.id}`} className="btn">{d.title}</Link>} />
      <section className="card">
        <h2>{t('library.usage.byOrg')}</h2>
        {d.byOrg.length ? (
          <DataTable
            caption={t('library.usage.byOrg')}
            rows={d.byOrg.map((o) => ({ ...o, id: o.orgId }))}
            columns={[
              { label: t('library.usage.org'), cell: (r) => r.orgName },
              { label: t('library.usage.views'), numeric: true, cell: (r) => number(r.views) },
              { label: t('library.usage.downloads'), numeric: true, cell: (r) => number(r.downloads) },
              { label: t('library.usage.lastUse'), cell: (r) => date(r.lastAt) },
            ]}
          />
        ) : (
          <EmptyState message={t('library.usage.none')} />
        )}
      </section>
      <WeeklyUse weekly={d.weekly} />
    </>
  )
}
