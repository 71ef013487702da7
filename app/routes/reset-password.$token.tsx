import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PublicLayout } from '../components/public-layout'
import { Field, FormError, SubmitButton } from '../components/ui'
import { ResetPasswordSchema } from '../modules/auth/auth.schema'
import { isResetTokenUsable, resetPassword } from '../modules/auth/auth.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: isResetTokenUsable(params.token ?? '') })
}

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const formData = await request.formData()
  formData.set('token', params.token ?? '')
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 })
  await resetPassword(submission.value.token, submission.value.password)
  return redirectWithToast('/login', { key: 'auth.passwordResetDone' })
})

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }), shouldValidate: 'onBlur' })
  return (
    <PublicLayout title={t('auth.resetTitle')}>
      {!usable ? (
        <p role="alert" className="form-error">
          {t('errors.resetLinkInvalid')}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormError errors={form.errors} />
          <input type="hidden" name="token" value="from-url" />
          <Field meta={fields.password} label={t('fields.newPassword')} hint={t('auth.passwordHint')}>
            <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Field meta={fields.confirm} label={t('fields.confirmPassword')}>
            <input {...getInputProps(fields.confirm, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <SubmitButton>{t('auth.setPassword')}</SubmitButton>
        </Form>
      )}
      <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
    </PublicLayout>
  )
}
