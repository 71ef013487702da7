import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { ContactForm } from '../modules/crm/crm-forms'
import { ContactSchema } from '../modules/crm/crm.schema'
import { accountOptions, getContact, updateContact } from '../modules/crm/crm.server'
import { formAction } from '../kit/form-action.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const contact = await getContact(actor, params.contactId!)
  return json({ contact, accounts: await accountOptions(actor), canWrite: can(actor, 'write:crm'), history: await historyFor(actor, 'contact', contact.id) })
})

export const action = formAction({
  guard: (actor, { params }) => getContact(actor, params.contactId!),
  schema: ContactSchema,
  run: (actor, input, { params }) => updateContact(actor, params.contactId!, input),
  done: (_, { params }) => ({ to: `/contacts/${params.contactId}`, toast: { key: 'common.saved' } }),
})

export default function ContactPage() {
  const { contact, accounts, canWrite, history } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ')
  return (
    <>
      <PageHeader title={name} subtitle={contact.accountId ? <Link to={`/accounts/${contact.accountId}`}>{accounts.find((a) => a.id === contact.accountId)?.name}</Link> : undefined} />
      {canWrite ? (
        <section className="card">
          <ContactForm lastResult={lastResult} accounts={accounts} defaultValue={{ ...contact }} cancelTo={contact.accountId ? `/accounts/${contact.accountId}` : '/contacts'} />
        </section>
      ) : (
        <dl className="facts">
          <div><dt>{t('fields.email')}</dt><dd>{contact.email ?? '—'}</dd></div>
          <div><dt>{t('fields.phone')}</dt><dd>{contact.phone ?? '—'}</dd></div>
          <div><dt>{t('fields.jobTitle')}</dt><dd>{contact.title ?? '—'}</dd></div>
        </dl>
      )}
      <section className="card">
        <h2>{t('audit.history')}</h2>
        <AuditTrail entries={history} />
      </section>
    </>
  )
}
