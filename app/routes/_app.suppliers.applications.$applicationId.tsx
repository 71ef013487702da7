import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { AuditTrail } from '../components/audit-trail'
import { ConfirmButton, IntentTextForm, PageHeader } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { ApplicationStatusBadge } from '../modules/suppliers/supplier-ui'
import { QuestionSchema, RejectSchema } from '../modules/suppliers/suppliers.schema'
import { approveApplication, askApplicantForInfo, getApplication, rejectApplication } from '../modules/suppliers/suppliers.server'
import type { MessageKey } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const app = await getApplication(actor, params.applicationId!)
  return json({ ...app, history: await historyFor(actor, 'supplier_application', params.applicationId!) })
})

const id = (args: ActionFunctionArgs) => args.params.applicationId!
const back = (key: MessageKey) => (_: unknown, args: ActionFunctionArgs) => ({ to: `/suppliers/applications/${id(args)}`, toast: { key } })

export const action = intentAction({
  approve: verb({ guard: (actor, args) => getApplication(actor, id(args)), schema: z.object({}), run: (actor, _i, args) => approveApplication(actor, id(args)), done: back('suppliers.applications.approved') }),
  reject: verb({ guard: (actor, args) => getApplication(actor, id(args)), schema: RejectSchema, run: (actor, input, args) => rejectApplication(actor, id(args), input.reason), done: back('suppliers.applications.rejected') }),
  'ask-info': verb({ guard: (actor, args) => getApplication(actor, id(args)), schema: QuestionSchema, run: (actor, input, args) => askApplicantForInfo(actor, id(args), input.question), done: back('suppliers.applications.infoAsked') }),
})

export default function ApplicationPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, dateTime } = useT()
  const a = d.application
  return (
    <>
      <PageHeader
        title={a.legalName}
        subtitle={<><ApplicationStatusBadge status={a.status} /> · {dateTime(a.submittedAt)}</>}
        actions={
          <>
            {a.orgId ? <Link to={`/suppliers/${a.orgId}`} className="btn">{t('suppliers.applications.openSupplier')}</Link> : null}
            {d.permissions.approve ? (
              <Form method="post">
                <ConfirmButton intent="approve" message="suppliers.applications.confirmApprove" className="btn btn-primary">{t('suppliers.applications.approve')}</ConfirmButton>
              </Form>
            ) : null}
          </>
        }
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      <section className="card">
        <dl className="key-values">
          <dt>{t('fields.npwp')}</dt><dd>{formatNpwp(a.npwp)}</dd>
          <dt>{t('suppliers.apply.fields.address')}</dt><dd>{a.address}, {a.city}</dd>
          <dt>{t('suppliers.fields.categories')}</dt><dd>{a.categories.join(', ')}</dd>
          <dt>{t('suppliers.fields.contact')}</dt><dd>{a.contactName} · {a.contactEmail}{a.contactPhone ? ` · ${a.contactPhone}` : ''}</dd>
          {a.infoRequest ? (<><dt>{t('suppliers.applications.question.label')}</dt><dd>{a.infoRequest}</dd></>) : null}
          {a.infoAnswer ? (<><dt>{t('suppliers.applications.answer.label')}</dt><dd>{a.infoAnswer}</dd></>) : null}
          {a.rejectionReason ? (<><dt>{t('suppliers.catalog.rejectReason')}</dt><dd>{a.rejectionReason}</dd></>) : null}
        </dl>
        {a.decidedAt && d.decidedByName ? <p>{t('suppliers.catalog.decidedBy', { name: d.decidedByName, date: dateTime(a.decidedAt) })}</p> : null}
      </section>
      {d.permissions.askInfo ? (
        <section className="card">
          <IntentTextForm intent="ask-info" name="question" label={t('suppliers.applications.question')} button={t('suppliers.applications.askInfo')} />
        </section>
      ) : null}
      {d.permissions.reject ? (
        <section className="card">
          <IntentTextForm intent="reject" name="reason" label={t('suppliers.applications.rejectReason')} button={t('suppliers.applications.reject')} className="btn btn-danger" />
        </section>
      ) : null}
      <AuditTrail entries={d.history} />
    </>
  )
}
