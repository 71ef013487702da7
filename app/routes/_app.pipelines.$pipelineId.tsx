import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { MoveStageSchema } from '../modules/crm/crm.schema'
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

export default function PipelineBoard() {
  const d = useLoaderData<typeof loader>()
  const { t, money, number } = useT()
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
      <div className="board">
        {d.stages.map((stage, index) => (
          <section key={stage.id} className="board-column" aria-labelledby={`stage-${stage.id}`}>
            <h2 id={`stage-${stage.id}`}>
              {stage.name} <span className="hint">{number(stage.count)} · {stage.probability}%</span>
            </h2>
            <p className="hint">{stage.totals.map((x) => money(x.amountMinor, x.currency)).join(' + ') || '—'}</p>
            <ul>
              {stage.opportunities.map((o) => (
                <li key={o.id} className="board-card">
                  <Link to={`/opportunities/${o.id}`}>{o.name}</Link>
                  <div className="hint">{o.accountName}</div>
                  <div>{money(o.amountMinor, o.currency)}</div>
                  {d.canWrite ? (
                    <Form method="post" className="board-move">
                      <input type="hidden" name="opportunityId" value={o.id} />
                      <label className="sr-only" htmlFor={`move-${o.id}`}>{t('opportunities.moveStage')}</label>
                      <select id={`move-${o.id}`} name="stageId" defaultValue={d.stages[index + 1]?.id ?? stage.id}>
                        {d.stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                      </select>
                      <button type="submit" className="btn btn-small">{t('opportunities.move')}</button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {stage.count > stage.opportunities.length ? <Link to={`/opportunities?pipelineId=${d.pipeline.id}`}>{t('opportunities.moreInStage', { count: stage.count - stage.opportunities.length })}</Link> : null}
          </section>
        ))}
      </div>
    </>
  )
}
