import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { DataTable } from '../components/list-page'
import { Badge, IntentTextForm, PageHeader, SubmitButton } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { RejectSchema } from '../modules/suppliers/suppliers.schema'
import { approveSupplierChange, getChangeRequest, rejectSupplierChange } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(await getChangeRequest(actor, params.changeId!))
})

const id = (args: ActionFunctionArgs) => args.params.changeId!
const guard = (actor: Parameters<typeof getChangeRequest>[0], args: ActionFunctionArgs) => getChangeRequest(actor, id(args))
export const action = intentAction({
  approve: verb({ guard, schema: z.object({}), run: (actor, _i, args) => approveSupplierChange(actor, id(args)), done: (_r, args) => ({ to: `/suppliers/changes/${id(args)}`, toast: { key: 'suppliers.changes.approved' } }) }),
  reject: verb({ guard, schema: RejectSchema, run: (actor, input, args) => rejectSupplierChange(actor, id(args), input.reason), done: (_r, args) => ({ to: `/suppliers/changes/${id(args)}`, toast: { key: 'suppliers.changes.rejected' } }) }),
})

export default function ChangePage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, dateTime } = useT()
  const c = d.change
  return (
    <>
      <PageHeader
        title={`${t('suppliers.changes.title')} — ${d.orgName}`}
        subtitle={<><Badge tone={c.status === 'pending' ? 'blue' : c.status === 'approved' ? 'green' : 'red'}>{tl(`suppliers.docs.status.${c.status === 'pending' ? 'pending' : c.status === 'approved' ? 'accepted' : 'rejected'}`)}</Badge> · {t('suppliers.changes.requestedBy', { name: d.requestedByName, date: dateTime(c.createdAt) })}</>}
        actions={d.canDecide ? (<Form method="post"><SubmitButton intent="approve">{t('suppliers.changes.approve')}</SubmitButton></Form>) : null}
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      <DataTable
        caption={t('suppliers.changes.title')}
        rows={Object.entries(c.changes).map(([field, to]) => ({ id: field, field, from: d.before[field] ?? '', to }))}
        columns={[
          { label: t('suppliers.catalog.fields.change'), cell: (r) => tl(`suppliers.change.field.${r.field}`) },
          { label: t('suppliers.change.before'), cell: (r) => r.from || '—' },
          { label: t('suppliers.change.after'), cell: (r) => r.to || '—' },
        ]}
      />
      {c.rejectionReason ? <p>{t('suppliers.catalog.rejectionReason', { reason: c.rejectionReason })}</p> : null}
      {d.canDecide ? <section className="card"><IntentTextForm intent="reject" name="reason" label={t('suppliers.docs.rejectReason')} button={t('suppliers.changes.reject')} className="btn btn-danger" /></section> : null}
      <Link to={`/suppliers/${c.orgId}`}>{d.orgName}</Link>
    </>
  )
}
