import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormError, PageHeader, SubmitButton } from '../components/ui'
import { ChangePasswordSchema } from '../modules/auth/auth.schema'
import { changePassword } from '../modules/auth/auth.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ProfileSchema } from '../modules/orgs/orgs.schema'
import { updateProfile } from '../modules/orgs/orgs.server'
import { ValidationFailed } from '../utils/errors'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC']

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return json({ profile: { name: actor.name, email: actor.email, locale: actor.locale, timeZone: actor.timeZone }, timeZones: TIME_ZONES.includes(actor.timeZone) ? TIME_ZONES : [actor.timeZone, ...TIME_ZONES] })
}

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'password') {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
    if (submission.status !== 'success') return json({ form: 'password', result: submission.reply({ hideFields: ['current', 'password', 'confirm'] }) }, { status: 400 })
    try {
      await changePassword(actor, submission.value.current, submission.value.password)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      return json({ form: 'password', result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] }, hideFields: ['current', 'password', 'confirm'] }) }, { status: 400 })
    }
    return redirectWithToast('/profile', { key: 'profile.passwordChanged' })
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema })
  if (submission.status !== 'success') return json({ form: 'profile', result: submission.reply() }, { status: 400 })
  await updateProfile(actor, submission.value)
  return redirectWithToast('/profile', { key: 'profile.saved' })
})

export default function Profile() {
  const { profile, timeZones } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useT()
  const [profileForm, pf] = useForm({ id: 'profile', lastResult: data?.form === 'profile' ? data.result : undefined, defaultValue: profile, onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const [passwordForm, pw] = useForm({ id: 'password', lastResult: data?.form === 'password' ? data.result : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={profile.email} />
      <section className="card">
        <h2>{t('profile.details')}</h2>
        <Form method="post" {...getFormProps(profileForm)} className="stack">
          <FormError errors={profileForm.errors} />
          <Field meta={pf.name} label={t('fields.name')}>
            <input {...getInputProps(pf.name, { type: 'text' })} autoComplete="name" />
          </Field>
          <Field meta={pf.locale} label={t('fields.language')}>
            <select {...getSelectProps(pf.locale)}>
              <option value="id">Bahasa Indonesia</option>
              <option value="en">English</option>
            </select>
          </Field>
          <Field meta={pf.timeZone} label={t('fields.timeZone')}>
            <select {...getSelectProps(pf.timeZone)}>
              {timeZones.map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </select>
          </Field>
          <SubmitButton intent="profile">{t('actions.save')}</SubmitButton>
        </Form>
      </section>
      <section className="card">
        <h2>{t('profile.changePassword')}</h2>
        <p className="hint">{t('profile.passwordSessionsNote')}</p>
        <Form method="post" {...getFormProps(passwordForm)} className="stack">
          <FormError errors={passwordForm.errors} />
          <Field meta={pw.current} label={t('fields.currentPassword')}>
            <input {...getInputProps(pw.current, { type: 'password' })} autoComplete="current-password" />
          </Field>
          <Field meta={pw.password} label={t('fields.newPassword')} hint={t('auth.passwordHint')}>
            <input {...getInputProps(pw.password, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <Field meta={pw.confirm} label={t('fields.confirmPassword')}>
            <input {...getInputProps(pw.confirm, { type: 'password' })} autoComplete="new-password" />
          </Field>
          <SubmitButton intent="password">{t('profile.changePassword')}</SubmitButton>
        </Form>
      </section>
    </>
  )
}
