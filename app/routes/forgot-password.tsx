import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { PublicLayout } from '../components/public-layout'
import { Field, SubmitButton } from '../components/ui'
import { ForgotPasswordSchema } from '../modules/auth/auth.schema'
import { requestPasswordReset } from '../modules/auth/auth.server'
import { useT } from '../utils/use-t'

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return json({ sent: false, result: submission.reply() }, { status: 400 })
  await requestPasswordReset(submission.value.email)
  // the same answer whether or not the address has an account
  return json({ sent: true, result: submission.reply() })
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>()
  const { t } = useT()
  const [form, fields] = useForm({ lastResult: data?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <PublicLayout title={t('auth.forgotTitle')}>
      {data?.sent ? (
        <p role="status" className="notice">
          {t('auth.resetSent')}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>{t('auth.forgotHelp')}</p>
          <Field meta={fields.email} label={t('fields.email')}>
            <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="email" />
          </Field>
          <SubmitButton>{t('auth.sendResetLink')}</SubmitButton>
        </Form>
      )}
      <Link to="/login">{t('auth.backToLogin')}</Link>
    </PublicLayout>
  )
}
