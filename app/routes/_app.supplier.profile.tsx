import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormActions } from '../components/ui'
import { PageHeader } from '../components/ui'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { ProfileSchema } from '../modules/suppliers/suppliers.schema'
import { getSupplierProfile, updateSupplierProfile } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

/** The supplier admin edits the company profile; sensitive fields become a change request. */
async function editor(request: Request) {
  const actor = await requireActor(request)
  if (scopeOf(actor, 'request:supplier_change') !== 'own_org') throw redirect('/')
  return actor
}

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await editor(request)
  return json(await getSupplierProfile(actor, actor.orgId))
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await editor(request)
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const r = await updateSupplierProfile(actor, submission.value)
  return redirectWithToast(`/suppliers/${actor.orgId}`, { key: r.requested ? 'suppliers.profile.changeRequested' : 'suppliers.profile.saved' })
})

export default function EditSupplierProfile() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, tl } = useT()
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      legalName: d.org.legalName ?? d.org.name,
      npwp: formatNpwp(d.org.npwp),
      address: d.profile.address ?? '',
      categories: d.profile.categories.join(', '),
      contactName: d.profile.contactName ?? '',
      contactEmail: d.profile.contactEmail ?? '',
      contactPhone: d.profile.contactPhone ?? '',
      bankName: d.profile.bankName ?? '',
      bankHolder: d.profile.bankHolder ?? '',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldValidate: 'onBlur', shouldRevalidate: 'onInput',
  })
  return (
    <>
      <PageHeader title={t('suppliers.profile.title')} />
      {d.pendingChanges.map((c) => (
        <div key={c.id} className="notice" role="status">{t('suppliers.profile.pendingChange', { fields: c.fields.map((f) => tl(`suppliers.change.field.${f}`)).join(', ') })}</div>
      ))}
      <Form method="post" {...getFormProps(form)} className="stack card">
        <p className="hint">{t('suppliers.profile.sensitiveHint')}</p>
        <Field meta={fields.legalName} label={t('fields.legalName')} required><input {...getInputProps(fields.legalName, { type: 'text' })} /></Field>
        <Field meta={fields.npwp} label={t('fields.npwp')} required><input {...getInputProps(fields.npwp, { type: 'text' })} inputMode="numeric" /></Field>
        <Field meta={fields.address} label={t('fields.address')}><textarea {...getTextareaProps(fields.address)} rows={2} /></Field>
        <Field meta={fields.categories} label={t('suppliers.fields.categories')}><input {...getInputProps(fields.categories, { type: 'text' })} /></Field>
        <Field meta={fields.contactName} label={t('fields.contactName')}><input {...getInputProps(fields.contactName, { type: 'text' })} /></Field>
        <Field meta={fields.contactEmail} label={t('fields.email')}><input {...getInputProps(fields.contactEmail, { type: 'email' })} /></Field>
        <Field meta={fields.contactPhone} label={t('fields.phone')}><input {...getInputProps(fields.contactPhone, { type: 'tel' })} /></Field>
        <Field meta={fields.bankName} label={t('suppliers.fields.bankName')}><input {...getInputProps(fields.bankName, { type: 'text' })} /></Field>
        <Field meta={fields.bankAccount} label={t('suppliers.fields.bankAccount')} hint={d.profile.bankAccountMasked ? t('suppliers.profile.bankAccountHint', { masked: d.profile.bankAccountMasked }) : undefined}>
          <input {...getInputProps(fields.bankAccount, { type: 'text' })} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field meta={fields.bankHolder} label={t('suppliers.fields.bankHolder')}><input {...getInputProps(fields.bankHolder, { type: 'text' })} /></Field>
        <FormActions cancelTo={`/suppliers/${d.org.id}`} />
      </Form>
    </>
  )
}
