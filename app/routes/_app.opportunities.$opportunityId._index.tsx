import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { Badge, PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ActivityForm } from '../modules/crm/crm-forms'
import { ActivitySchema, MoveStageSchema } from '../modules/crm/crm.schema'
import { addActivity, getOpportunity, moveOpportunityStage } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json({ ...(await getOpportunity(actor, params.opportunityId!)), history: await historyFor(actor, 'opportunity', params.opportunityId!, 30), canWrite: can(actor, 'write:crm') })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const id = params.opportunityId!
  await getOpportunity(actor, id)
  const formData = await request.formData()
  if (formData.get('intent') === 'move-stage') {
    const parsed = MoveStageSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) return json({ status: 'error' as const, error: { stageId: ['errors.stageUnknown'] } }, { status: 400 })
    await moveOpportunityStage(actor, id, parsed.data.stageId)
    return redirectWithToast(`/opportunities/${id}`, { key: 'opportunities.stageMoved' })
  }
  const submission = parseWithZod(formData, { schema: ActivitySchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await addActivity(actor, 'opportunity', id, submission.value)
  return redirectWithToast(`/opportunities/${id}`, { key: 'activities.added' })
})

export default function OpportunityPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, money, calendarDate, dateTime } = useT()
  const o = d.opportunity
  const current = d.stages.find((s) => s.id === o.stageId)
  return (
    <>
      <PageHeader
        title={o.name}
        subtitle={<><Link to={`/accounts/${o.accountId}`}>{d.accountName}</Link> · {d.pipelineName}</>}
        actions={d.canWrite ? <Link to={`/opportunities/${o.id}/edit`} className="btn">{t('actions.edit')}</Link> : null}
      />
      <dl className="facts">
        <div><dt>{t('fields.amount')}</dt><dd>{money(o.amountMinor, o.currency)}</dd></div>
        <div><dt>{t('fields.stage')}</dt><dd><Badge tone={current?.isWon ? 'green' : current?.isClosed ? 'red' : 'blue'}>{d.stageName}</Badge> {current ? `${current.probability}%` : ''}</dd></div>
        <div><dt>{t('fields.expectedClose')}</dt><dd>{calendarDate(o.expectedCloseDate)}</dd></div>
        <div><dt>{t('fields.source')}</dt><dd>{t(`opportunities.source.${o.source}`)}{d.partnerName ? ` · ${d.partnerName}` : ''}</dd></div>
      </dl>
      {d.canWrite ? (
        <section className="card">
          <h2>{t('opportunities.moveStage')}</h2>
          <ol className="stage-path">
            {d.stages.map((s) => (
              <li key={s.id} className={s.id === o.stageId ? 'current' : undefined}>
                {s.id === o.stageId ? (
                  <span aria-current="step">{s.name}</span>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="stageId" value={s.id} />
                    <button type="submit" name="intent" value="move-stage" className="btn btn-small">{s.name}</button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t('activities.title')}</h2>
          {d.canWrite ? <ActivityForm lastResult={lastResult} /> : null}
          <ul className="timeline">
            {d.activities.map((a) => (
              <li key={a.id}>
                <Badge>{t(`activities.kind.${a.kind}`)}</Badge> <strong>{a.subject}</strong>
                {a.body ? <p>{a.body}</p> : null}
                <div className="hint">{dateTime(a.createdAt)}</div>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>{t('audit.history')}</h2>
          <AuditTrail entries={d.history} />
        </section>
      </div>
    </>
  )
}

