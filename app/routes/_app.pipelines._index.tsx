import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { EmptyState, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { listPipelines } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** The menu's "Pipelines" entry: every pipeline with its stages, each opening its board. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json({ pipelines: (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((s) => s.name) })) })
})

export default function Pipelines() {
  const d = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('nav.pipelines')} />
      {d.pipelines.length === 0 ? <EmptyState message={t('pipelines.empty')} /> : null}
      <div className="grid-2">
        {d.pipelines.map((p) => (
          <section className="card" key={p.id}>
            <h2>
              <Link to={`/pipelines/${p.id}`}>{p.name}</Link>
            </h2>
            <p className="hint">{p.stages.join(' → ')}</p>
            <p>
              <Link to={`/pipelines/${p.id}`} className="btn btn-primary">
                {t('pipelines.openBoard')}
              </Link>{' '}
              <Link to={`/opportunities?pipelineId=${p.id}`} className="btn">
                {t('opportunities.listView')}
              </Link>
            </p>
          </section>
        ))}
      </div>
    </>
  )
}
