import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { LeadForm } from '../modules/crm/crm-forms'
import { LeadSchema } from '../modules/crm/crm.schema'
import { createLead } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  await requireCapability(request, 'write:crm')
  return json({})
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  const submission = parseWithZod(await request.formData(), { schema: LeadSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const lead = await createLead(actor, submission.value)
  return redirectWithToast(`/leads/${lead.id}`, { key: 'leads.created' })
})

export default function NewLead() {
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('leads.new')} />
      <LeadForm lastResult={lastResult} cancelTo="/leads" />
    </>
  )
}
