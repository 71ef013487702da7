import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { MoveStageSchema } from '../modules/crm/crm.schema'
import { PipelineBoard } from '../modules/crm/pipeline-board'
import { getPipelineBoard, listPipelines, moveOpportunityStage } from '../modules/crm/crm.server'
import { z } from 'zod'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json({ ...(await getPipelineBoard(actor, params.pipelineId!)), pipelines: (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name })), canWrite: can(actor, 'write:crm') })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getPipelineBoard(actor, params.pipelineId!)
  const parsed = MoveStageSchema.extend({ opportunityId: z.string().min(1) }).safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return json({ message: 'errors.stageUnknown' }, { status: 400 })
  await moveOpportunityStage(actor, parsed.data.opportunityId, parsed.data.stageId)
  return redirectWithToast(`/pipelines/${params.pipelineId}`, { key: 'opportunities.stageMoved' })
})

export default function PipelineBoardPage() {
  const d = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <>
      <PageHeader
        title={t('opportunities.board', { name: d.pipeline.name })}
        actions={
          <>
            {d.pipelines.filter((p) => p.id !== d.pipeline.id).map((p) => <Link key={p.id} to={`/pipelines/${p.id}`} className="btn">{p.name}</Link>)}
            <Link to={`/opportunities?pipelineId=${d.pipeline.id}`} className="btn">{t('opportunities.listView')}</Link>
          </>
        }
      />
      <PipelineBoard stages={d.stages} canWrite={d.canWrite} listHref={`/opportunities?pipelineId=${d.pipeline.id}`} />
    </>
  )
}
