import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormActions, FormError, PageHeader, SelectField, TextAreaField } from '../components/ui'
import { formAction } from '../kit/form-action.server'
import { requireCapability } from '../modules/auth/require-actor.server'
import { GrantCertificateSchema } from '../modules/training/training.schema'
import { certificationOptions, grantCertificate } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'grant:certificate')
  return json({ certifications: await certificationOptions(actor) })
})

export const action = formAction({
  schema: GrantCertificateSchema,
  run: (actor, input) => grantCertificate(actor, input),
  done: (row) => ({ to: `/training/certificates/${row.id}`, toast: { key: 'training.manage.granted' } }),
})

export default function GrantCertificate() {
  const { certifications } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, f] = useForm({ lastResult: lastResult as never, onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantCertificateSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('training.manage.grant')} subtitle={t('training.manage.grantHint')} />
      <Form method="post" {...getFormProps(form)} className="stack form-grid card">
        <FormError errors={form.errors} />
        <Field meta={f.email} label={t('training.fields.email')}>
          <input {...getInputProps(f.email, { type: 'email' })} autoComplete="off" />
        </Field>
        <SelectField meta={f.certificationId} label={t('training.fields.certification')} options={certifications} />
        <TextAreaField meta={f.reason} label={t('training.fields.reason')} rows={2} />
        <FormActions cancelTo="/training/manage" submitLabel={t('training.manage.grant')} />
      </Form>
    </>
  )
}
