import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { RequestSchema } from '../modules/mdf/mdf.schema'
import { getRequest, openFundsFor, updateRequest } from '../modules/mdf/mdf.server'
import { RequestForm } from '../modules/mdf/request-form'
import { minorToInput } from '../utils/money'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const d = await getRequest(actor, params.requestId!)
  if (!d.canEdit) return redirect(`/mdf/requests/${params.requestId}`)
  const r = d.request
  const funds = openFundsFor(r.orgId)
  return json({
    number: r.numberText,
    question: r.status === 'returned' ? r.question : null,
    funds,
    defaults: { fundId: r.fundId, activityType: r.activityType, title: r.title, description: r.description, startsOn: r.startsOn, endsOn: r.endsOn, expectedLeads: String(r.expectedLeads), expectedPipeline: r.expectedPipelineMinor ? minorToInput(r.expectedPipelineMinor, r.currency) : '', cost: minorToInput(r.costMinor, r.currency), requested: minorToInput(r.requestedMinor, r.currency) },
    id: r.id,
  })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getRequest(actor, params.requestId!)
  const submission = parseWithZod(await request.formData(), { schema: RequestSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const { intent, ...input } = submission.value
  await updateRequest(actor, params.requestId!, input, { submit: intent === 'submit' })
  return redirectWithToast(`/mdf/requests/${params.requestId}`, { key: intent === 'submit' ? 'mdf.toast.submitted' : 'mdf.toast.saved' })
})

export default function EditMdfRequest() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('mdf.editRequest', { number: d.number })} />
      {d.question ? (
        <div className="notice notice-warning" role="status">
          {t('mdf.returnedQuestion', { question: d.question })}
        </div>
      ) : null}
      <RequestForm funds={d.funds} lastResult={lastResult} cancelTo={`/mdf/requests/${d.id}`} defaultValue={d.defaults} />
    </>
  )
}
