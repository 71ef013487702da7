import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { AccountForm } from '../modules/crm/crm-forms'
import { AccountSchema } from '../modules/crm/crm.schema'
import { getAccount, updateAccount } from '../modules/crm/crm.server'
import { assertCan } from '../modules/auth/actor'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const account = await getAccount(actor, params.accountId!)
  assertCan(actor, 'write:crm')
  return json({ account: { id: account.id, name: account.name, website: account.domain, npwp: formatNpwp(account.npwp), industry: account.industry, address: account.address, city: account.city, region: account.region, phone: account.phone } })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getAccount(actor, params.accountId!)
  const submission = parseWithZod(await request.formData(), { schema: AccountSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateAccount(actor, params.accountId!, submission.value)
  return redirectWithToast(`/accounts/${params.accountId}`, { key: 'common.saved' })
})

export default function EditAccount() {
  const { account } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('accounts.edit', { name: account.name })} />
      <AccountForm lastResult={lastResult} defaultValue={account} cancelTo={`/accounts/${account.id}`} />
    </>
  )
}
