import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { FormActions, FormError, PageHeader, SelectField, TextField } from '../components/ui'
import { can, scopeOf } from '../modules/auth/actor'
import { requireCapability } from '../modules/auth/require-actor.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { NewPlanSchema } from '../modules/plans/plans.schema'
import { createPlan } from '../modules/plans/plans.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:plan')
  // a partner user reads their organisation's plan but does not start one: back to the plans
  if (!scopeOf(actor, 'manage:plan')) return redirect('/plans')
  const vendor = scopeOf(actor, 'manage:plan') === 'any'
  const partners = vendor && can(actor, 'read:organisation') ? (await listOrganisations(actor, { kind: 'partner', pageSize: 200 })).rows.map((o) => ({ value: o.id, label: o.name })) : []
  return json({ vendor, partners, year: new Date().getUTCFullYear(), partnerName: actor.orgName })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:plan')
  const submission = parseWithZod(await request.formData(), { schema: NewPlanSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const plan = await createPlan(actor, submission.value)
  return redirectWithToast(`/plans/${plan.id}`, { key: 'plans.created' })
})

export default function NewPlan() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: { year: String(d.year), title: '' }, onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPlanSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('plans.new')} subtitle={d.vendor ? undefined : d.partnerName} />
      <Form method="post" {...getFormProps(form)} className="stack form-grid card">
        <FormError errors={form.errors} />
        {d.vendor ? <SelectField meta={f.partnerOrgId} label={t('plans.fields.partner')} options={d.partners} placeholder={t('plans.choosePartner')} /> : null}
        <TextField meta={f.year} label={t('plans.fields.year')} type="number" min={2000} max={2100} required />
        <TextField meta={f.title} label={t('plans.fields.title')} required />
        <FormActions cancelTo="/plans" submitLabel={t('plans.new')} />
      </Form>
    </>
  )
}
