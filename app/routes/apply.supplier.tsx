import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { PublicLayout } from '../components/public-layout'
import { Field, SubmitButton } from '../components/ui'
import { ApplicationSchema } from '../modules/suppliers/suppliers.schema'
import { submitApplication } from '../modules/suppliers/suppliers.server'
import { ValidationFailed } from '../utils/errors'
import { requestLocale } from '../utils/route.server'
import { useT } from '../utils/use-t'

// Public: a company applies as a supplier. Bots meet a honeypot field and the abuse limit on
// this form (app/modules/limits: 'supplierApplication', per IP).
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ApplicationSchema })
  if (submission.status !== 'success') return json({ sent: null, result: submission.reply() }, { status: 400 })
  try {
    await submitApplication(submission.value, { locale: requestLocale(request) })
  } catch (error) {
    if (error instanceof ValidationFailed) return json({ sent: null, result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 })
    throw error
  }
  return json({ sent: submission.value.contactEmail, result: submission.reply({ resetForm: true }) })
}

export default function ApplyAsSupplier() {
  const data = useActionData<typeof action>()
  const { t } = useT()
  const [form, fields] = useForm({ lastResult: data?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplicationSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <PublicLayout title={t('suppliers.apply.title')}>
      {data?.sent ? (
        <p role="status" className="notice">{t('suppliers.apply.thanks', { email: data.sent })}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>{t('suppliers.apply.intro')}</p>
          <Field meta={fields.legalName} label={t('suppliers.apply.fields.legalName')} required>
            <input {...getInputProps(fields.legalName, { type: 'text' })} autoComplete="organization" />
          </Field>
          <Field meta={fields.npwp} label={t('suppliers.apply.fields.npwp')} required hint="01.234.567.8-901.000">
            <input {...getInputProps(fields.npwp, { type: 'text' })} inputMode="numeric" />
          </Field>
          <Field meta={fields.address} label={t('suppliers.apply.fields.address')} required>
            <textarea {...getTextareaProps(fields.address)} rows={2} autoComplete="street-address" />
          </Field>
          <Field meta={fields.city} label={t('suppliers.apply.fields.city')} required>
            <input {...getInputProps(fields.city, { type: 'text' })} autoComplete="address-level2" />
          </Field>
          <Field meta={fields.categories} label={t('suppliers.apply.fields.categories')} required>
            <input {...getInputProps(fields.categories, { type: 'text' })} />
          </Field>
          <Field meta={fields.contactName} label={t('suppliers.apply.fields.contactName')} required>
            <input {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" />
          </Field>
          <Field meta={fields.contactEmail} label={t('suppliers.apply.fields.contactEmail')} required>
            <input {...getInputProps(fields.contactEmail, { type: 'email' })} autoComplete="email" />
          </Field>
          <Field meta={fields.contactPhone} label={t('suppliers.apply.fields.contactPhone')}>
            <input {...getInputProps(fields.contactPhone, { type: 'tel' })} autoComplete="tel" />
          </Field>
          {/* the honeypot: hidden from people and from assistive technology; bots fill it in */}
          <div className="sr-only" aria-hidden="true">
            <label htmlFor="website">{t('suppliers.apply.fields.website')}</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <Field meta={fields.terms} label={t('suppliers.apply.fields.terms')} required>
            <input {...getInputProps(fields.terms, { type: 'checkbox' })} value="on" />
          </Field>
          <SubmitButton>{t('suppliers.apply.submit')}</SubmitButton>
        </Form>
      )}
      <Link to="/login">{t('auth.backToLogin')}</Link>
    </PublicLayout>
  )
}
