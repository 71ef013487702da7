import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { ContactForm } from '../modules/crm/crm-forms'
import { ContactSchema } from '../modules/crm/crm.schema'
import { accountOptions, createContact } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  return json({ accounts: await accountOptions(actor), accountId: new URL(request.url).searchParams.get('accountId') })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'write:crm')
  const submission = parseWithZod(await request.formData(), { schema: ContactSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const contact = await createContact(actor, submission.value)
  return redirectWithToast(contact.accountId ? `/accounts/${contact.accountId}` : `/contacts/${contact.id}`, { key: 'contacts.created' })
})

export default function NewContact() {
  const { accounts, accountId } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('contacts.new')} />
      <ContactForm lastResult={lastResult} accounts={accounts} defaultValue={accountId ? { accountId } : undefined} cancelTo={accountId ? `/accounts/${accountId}` : '/contacts'} />
    </>
  )
}
