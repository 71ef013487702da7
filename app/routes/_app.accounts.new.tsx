import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { AccountForm } from '../modules/crm/crm-forms'
import { AccountSchema } from '../modules/crm/crm.schema'
import { createAccount } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  await requireCapability(request, 'write:crm')
  return json({})
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  const submission = parseWithZod(await request.formData(), { schema: AccountSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const account = await createAccount(actor, submission.value)
  return redirectWithToast(`/accounts/${account.id}`, { key: 'accounts.created', params: { name: account.name } })
})

export default function NewAccount() {
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('accounts.new')} />
      <AccountForm lastResult={lastResult} cancelTo="/accounts" />
    </>
  )
}
