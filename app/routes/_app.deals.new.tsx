import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { assertCan } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { DealForm } from '../modules/deals/deal-form'
import { DealFormSchema } from '../modules/deals/deals.schema'
import { createDeal, getDealRules } from '../modules/deals/deals.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'register:deal_registration', { orgId: actor.orgId })
  const rules = await getDealRules(actor)
  return json({ rulesText: actor.locale === 'id' ? rules.rulesTextId : rules.rulesTextEn })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'register:deal_registration', { orgId: actor.orgId })
  const submission = parseWithZod(await request.formData(), { schema: DealFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const deal = await createDeal(actor, submission.value)
  return redirectWithToast(`/deals/${deal.id}`, { key: submission.value.intent === 'submit' ? 'deals.submitted' : 'deals.created' })
})

export default function NewDeal() {
  const { rulesText } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('deals.new')} />
      <DealForm lastResult={lastResult} rulesText={rulesText} cancelTo="/deals" />
    </>
  )
}
