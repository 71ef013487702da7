import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { PublicLayout } from '../components/public-layout'
import { FormError, SubmitButton } from '../components/ui'
import { NewPasswordFields } from '../modules/auth/new-password-fields'
import { ResetPasswordSchema } from '../modules/auth/auth.schema'
import { isResetTokenUsable, resetPassword } from '../modules/auth/auth.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: await isResetTokenUsable(params.token ?? '') })
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
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
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
          <NewPasswordFields password={fields.password} confirm={fields.confirm} />
          <SubmitButton>{t('auth.setPassword')}</SubmitButton>
        </Form>
      )}
      <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
    </PublicLayout>
  )
}
