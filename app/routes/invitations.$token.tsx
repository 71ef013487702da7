import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { PublicLayout } from '../components/public-layout'
import { FormError, SubmitButton } from '../components/ui'
import { NewPasswordFields } from '../modules/auth/new-password-fields'
import { AcceptInvitationSchema } from '../modules/auth/auth.schema'
import { acceptInvitation, findOpenInvitation } from '../modules/auth/auth.server'
import { sessionCookie } from '../modules/auth/auth.server'
import { clientIp, handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export async function loader({ params }: LoaderFunctionArgs) {
  const inv = await findOpenInvitation(params.token ?? '')
  return json({ invitation: inv ? { email: inv.email, name: inv.name, orgName: inv.orgName, role: inv.role } : null })
}

export const action = handle(async ({ request, params, context }: ActionFunctionArgs) => {
  const formData = await request.formData()
  formData.set('token', params.token ?? '')
  const submission = parseWithZod(formData, { schema: AcceptInvitationSchema })
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 })
  const session = await acceptInvitation(submission.value.token, submission.value.password, { ip: clientIp(context), userAgent: request.headers.get('user-agent') ?? undefined })
  return redirect('/', { headers: { 'Set-Cookie': sessionCookie(request, session.token) } })
})

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  if (!invitation) {
    return (
      <PublicLayout title={t('auth.invitationTitle')}>
        <p role="alert" className="form-error">
          {t('errors.invitationInvalid')}
        </p>
      </PublicLayout>
    )
  }
  return (
    <PublicLayout title={t('auth.invitationTitle')}>
      <p>{t('auth.invitationWelcome', { name: invitation.name, org: invitation.orgName, role: t(`roles.${invitation.role}`) })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError errors={form.errors} />
        <input type="hidden" name="token" value="from-url" />
        <p className="hint">{invitation.email}</p>
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <SubmitButton>{t('auth.acceptInvitation')}</SubmitButton>
      </Form>
    </PublicLayout>
  )
}
