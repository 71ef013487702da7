import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { assertCan } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { OpportunityForm } from '../modules/crm/crm-forms'
import { OpportunitySchema } from '../modules/crm/crm.schema'
import { accountOptions, getOpportunity, listPipelines, updateOpportunity } from '../modules/crm/crm.server'
import { minorToInput } from '../utils/money'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { opportunity: o } = await getOpportunity(actor, params.opportunityId!)
  assertCan(actor, 'write:crm')
  const pipelines = (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((s) => ({ id: s.id, name: s.name })) }))
  return json({
    id: o.id,
    defaultValue: { name: o.name, accountId: o.accountId, pipelineId: o.pipelineId, stageId: o.stageId, amount: minorToInput(o.amountMinor, o.currency), currency: o.currency, expectedCloseDate: o.expectedCloseDate },
    accounts: await accountOptions(actor),
    pipelines,
  })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getOpportunity(actor, params.opportunityId!)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: OpportunitySchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateOpportunity(actor, params.opportunityId!, submission.value)
  return redirectWithToast(`/opportunities/${params.opportunityId}`, { key: 'common.saved' })
})

export default function EditOpportunity() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('opportunities.edit', { name: data.defaultValue.name })} />
      <OpportunityForm lastResult={lastResult} accounts={data.accounts} pipelines={data.pipelines} defaultValue={data.defaultValue} cancelTo={`/opportunities/${data.id}`} />
    </>
  )
}
