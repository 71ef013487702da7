import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { OpportunityForm } from '../modules/crm/crm-forms'
import { OpportunitySchema } from '../modules/crm/crm.schema'
import { accountOptions, createOpportunity, listPipelines } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  const pipelines = (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((s) => ({ id: s.id, name: s.name })) }))
  return json({ accounts: await accountOptions(actor), pipelines, accountId: new URL(request.url).searchParams.get('accountId') })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  const submission = parseWithZod(await request.formData(), { schema: OpportunitySchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const opp = await createOpportunity(actor, submission.value)
  return redirectWithToast(`/opportunities/${opp.id}`, { key: 'opportunities.created' })
})

export default function NewOpportunity() {
  const { accounts, pipelines, accountId } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('opportunities.new')} />
      <OpportunityForm lastResult={lastResult} accounts={accounts} pipelines={pipelines} defaultValue={{ currency: 'IDR', pipelineId: pipelines[0]?.id ?? '', accountId: accountId ?? '' }} cancelTo="/opportunities" />
    </>
  )
}
