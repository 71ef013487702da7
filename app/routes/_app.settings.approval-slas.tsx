import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { PageHeader, SubmitButton } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { getApprovalSlas, updateApprovalSlas } from '../modules/reports/reports.server'
import { ValidationFailed } from '../utils/errors'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  return json({ slas: await getApprovalSlas(actor) })
})

/** One hours field per kind of approval (`sla_<kind>`); the service checks the range. */
export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  const form = await request.formData()
  const hours: Record<string, number> = {}
  for (const { kind } of await getApprovalSlas(actor)) {
    const raw = String(form.get(`sla_${kind}`) ?? '').trim()
    if (!/^\d{1,5}$/.test(raw)) throw new ValidationFailed(`sla_${kind}`, 'reports.sla.range')
    hours[kind] = Number(raw)
  }
  await updateApprovalSlas(actor, hours)
  return redirectWithToast('/settings/approval-slas', { key: 'reports.sla.saved' })
})

export default function ApprovalSlas() {
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>() as { error?: Record<string, string[]>; initialValue?: Record<string, string> } | undefined
  const { t, tl } = useT()
  return (
    <>
      <PageHeader title={t('reports.sla.title')} />
      <Form method="post" className="stack form-grid card">
        <p className="hint">{t('reports.sla.help')}</p>
        {d.slas.map((s) => {
          const name = `sla_${s.kind}`
          const error = failed?.error?.[name]?.[0]
          return (
            <div key={s.kind} className={`field${error ? ' field-invalid' : ''}`}>
              <label htmlFor={name}>{t('reports.sla.hours', { kind: tl(s.label) })}</label>
              <input id={name} name={name} type="number" min={1} max={2160} required defaultValue={failed?.initialValue?.[name] ?? String(s.hours)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} />
              {error ? <p className="field-error" id={`${name}-error`} role="alert">{tl(error)}</p> : null}
            </div>
          )
        })}
        <div className="form-actions"><SubmitButton>{t('actions.save')}</SubmitButton></div>
      </Form>
    </>
  )
}
