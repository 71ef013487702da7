import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useSearchParams } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { Field, FormError, SubmitButton } from '../components/ui'
import { LoginSchema } from '../modules/auth/auth.schema'
import { login } from '../modules/auth/auth.server'
import { getOptionalActor } from '../modules/auth/require-actor.server'
import { cookieIsSecure, deviceCookieHeader, readDeviceCookie, sessionCookie } from '../modules/auth/auth.server'
import { clientIp, handle } from '../utils/route.server'
import { safeRedirect } from '../utils/redirect'
import { useT } from '../utils/use-t'
import { DEFAULT_LOCALE, translate, type Locale } from '../utils/i18n'
import { PublicLayout } from '../components/public-layout'

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  return [{ title: `Mitra — ${translate(root?.locale ?? DEFAULT_LOCALE, 'auth.login')}` }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (getOptionalActor(request)) throw redirect('/')
  return json({})
}

export const action = handle(async ({ request, context }: ActionFunctionArgs) => {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const result = await login({
    email: submission.value.email,
    password: submission.value.password,
    ip: clientIp(context),
    userAgent: request.headers.get('user-agent') ?? undefined,
    deviceCookie: readDeviceCookie(request.headers.get('cookie')),
  })
  if (!result.ok) {
    if (result.reason === 'locked') {
      return json(submission.reply({ formErrors: ['auth.locked'], hideFields: ['password'] }), { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } })
    }
    return json(submission.reply({ formErrors: ['auth.invalidCredentials'], hideFields: ['password'] }), { status: 401 })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', sessionCookie(request, result.token))
  // the device cookie: this browser has signed in as this user (login-limits.server.ts)
  headers.append('Set-Cookie', deviceCookieHeader(result.deviceCookie, cookieIsSecure(request)))
  return redirect(safeRedirect(submission.value.redirectTo), { headers })
})

/** A throttled attempt tells the client when to come back. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers()
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) out.set('Retry-After', retryAfter)
  return out
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useT()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: 'onBlur', shouldRevalidate: 'onInput',
  })
  return (
    <PublicLayout title={t('auth.loginTitle')}>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field meta={fields.email} label={t('fields.email')}>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="username" autoFocus />
        </Field>
        <Field meta={fields.password} label={t('fields.password')}>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
        </Field>
        <SubmitButton>{t('auth.login')}</SubmitButton>
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </Form>
    </PublicLayout>
  )
}
