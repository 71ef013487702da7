import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { DealForm } from '../modules/deals/deal-form'
import { DealFormSchema } from '../modules/deals/deals.schema'
import { getDeal, getDealRules, updateDeal } from '../modules/deals/deals.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { minorToInput } from '../utils/money'
import { NotFound } from '../utils/errors'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const deal = await getDeal(actor, params.dealId!)
  if (!deal.permissions.edit) throw new NotFound()
  const r = deal.registration
  const rules = await getDealRules(actor)
  return json({
    id: r.id,
    rulesText: actor.locale === 'id' ? rules.rulesTextId : rules.rulesTextEn,
    defaultValue: { ...r, customerNpwp: formatNpwp(r.customerNpwp), value: minorToInput(r.valueMinor, r.currency) },
  })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getDeal(actor, params.dealId!)
  const submission = parseWithZod(await request.formData(), { schema: DealFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateDeal(actor, params.dealId!, submission.value)
  return redirectWithToast(`/deals/${params.dealId}`, { key: submission.value.intent === 'submit' ? 'deals.submitted' : 'deals.saved' })
})

export default function EditDeal() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('deals.edit')} subtitle={d.defaultValue.customerName} />
      <DealForm lastResult={lastResult} defaultValue={d.defaultValue} rulesText={d.rulesText} cancelTo={`/deals/${d.id}`} excludeId={d.id} />
    </>
  )
}
