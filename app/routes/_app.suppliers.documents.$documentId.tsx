import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { ConfirmButton, IntentTextForm, PageHeader } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { DocumentStatusBadge } from '../modules/suppliers/supplier-ui'
import { RejectSchema } from '../modules/suppliers/suppliers.schema'
import { decideDocument, getDocument } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(await getDocument(actor, params.documentId!))
})

const id = (args: ActionFunctionArgs) => args.params.documentId!
const guard = (actor: Parameters<typeof getDocument>[0], args: ActionFunctionArgs) => getDocument(actor, id(args))
export const action = intentAction({
  accept: verb({ guard, schema: z.object({}), run: (actor, _i, args) => decideDocument(actor, id(args), 'accept', null), done: (_r, args) => ({ to: `/suppliers/documents/${id(args)}`, toast: { key: 'suppliers.docs.accepted' } }) }),
  reject: verb({ guard, schema: RejectSchema, run: (actor, input, args) => decideDocument(actor, id(args), 'reject', input.reason), done: (_r, args) => ({ to: `/suppliers/documents/${id(args)}`, toast: { key: 'suppliers.docs.rejected' } }) }),
})

export default function DocumentPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, dateTime, calendarDate, number } = useT()
  const doc = d.document
  return (
    <>
      <PageHeader
        title={`${d.typeName} — ${d.orgName}`}
        subtitle={<><DocumentStatusBadge status={doc.status} /> · {d.uploadedByName} · {dateTime(doc.createdAt)}</>}
        actions={
          d.canDecide ? (
            <Form method="post">
              <ConfirmButton intent="accept" message="suppliers.docs.confirmAccept" className="btn btn-primary">{t('suppliers.docs.accept')}</ConfirmButton>
            </Form>
          ) : null
        }
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      <section className="card">
        <dl className="key-values">
          <dt>{t('suppliers.docs.download')}</dt>
          <dd><a href={`/suppliers/documents/${doc.id}/file`} download>{doc.fileName}</a> ({number(Math.ceil(doc.size / 1024))} KB)</dd>
          <dt>{t('suppliers.docs.expiresOn')}</dt>
          <dd>{doc.expiresOn ? calendarDate(doc.expiresOn) : '—'}</dd>
          {doc.rejectionReason ? (<><dt>{t('suppliers.catalog.rejectReason')}</dt><dd>{doc.rejectionReason}</dd></>) : null}
          {doc.decidedAt && d.decidedByName ? (<><dt>{t('suppliers.catalog.decidedBy', { name: d.decidedByName, date: dateTime(doc.decidedAt) })}</dt><dd /></>) : null}
        </dl>
        <Link to={`/suppliers/${doc.orgId}`}>{d.orgName}</Link>
      </section>
      {d.canDecide ? (
        <section className="card">
          <IntentTextForm intent="reject" name="reason" label={t('suppliers.docs.rejectReason')} button={t('suppliers.docs.reject')} className="btn btn-danger" />
        </section>
      ) : null}
    </>
  )
}
