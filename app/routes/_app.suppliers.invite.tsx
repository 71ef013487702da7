import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormActions, PageHeader } from '../components/ui'
import { formAction } from '../kit/form-action.server'
import { requireCapability } from '../modules/auth/require-actor.server'
import { InviteSupplierSchema } from '../modules/suppliers/suppliers.schema'
import { inviteSupplier } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  await requireCapability(request, 'manage:supplier')
  return json({})
})

export const action = formAction({
  schema: InviteSupplierSchema,
  run: (actor, input) => inviteSupplier(actor, input),
  done: (r) => ({ to: `/suppliers/${r.orgId}`, toast: { key: 'suppliers.invite.done' } }),
})

export default function InviteSupplier() {
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, fields] = useForm({ lastResult: lastResult as never, onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSupplierSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('suppliers.invite.title')} />
      <Form method="post" {...getFormProps(form)} className="stack card">
        <Field meta={fields.legalName} label={t('suppliers.apply.fields.legalName')} required><input {...getInputProps(fields.legalName, { type: 'text' })} /></Field>
        <Field meta={fields.npwp} label={t('suppliers.apply.fields.npwp')} required><input {...getInputProps(fields.npwp, { type: 'text' })} inputMode="numeric" /></Field>
        <Field meta={fields.city} label={t('suppliers.apply.fields.city')} required><input {...getInputProps(fields.city, { type: 'text' })} /></Field>
        <Field meta={fields.contactName} label={t('suppliers.apply.fields.contactName')} required><input {...getInputProps(fields.contactName, { type: 'text' })} /></Field>
        <Field meta={fields.contactEmail} label={t('suppliers.apply.fields.contactEmail')} required><input {...getInputProps(fields.contactEmail, { type: 'email' })} /></Field>
        <FormActions cancelTo="/suppliers" submitLabel={t('suppliers.invite.submit')} />
      </Form>
    </>
  )
}
