import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormError, PageHeader, SubmitButton } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { RULE_TIERS, tierRulesFormSchema, type Criterion, type TierRulesInput } from '../modules/training/training.schema'
import { certificationOptions, getTierRules, updateTierRules } from '../modules/training/training.server'
import { minorToInput } from '../utils/money'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  const { rules, graceDays } = await getTierRules(actor)
  return json({ rules, graceDays, certifications: await certificationOptions(actor) })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  const certifications = await certificationOptions(actor)
  const submission = parseWithZod(await request.formData(), { schema: tierRulesFormSchema(certifications.map((c) => c.value)) })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const { partners, changed } = await updateTierRules(actor, submission.value)
  return redirectWithToast('/settings/tiers', { key: 'training.tiers.saved', params: { partners, changed } })
})

type TierFields = { people: string; revenue: string; certs: Record<string, string> }
type TierForm = { graceDays: string; silver: TierFields; gold: TierFields; platinum: TierFields }

/** The form's starting values from the rules in force: one field per criterion, empty when not asked. */
function defaults(rules: Record<string, Criterion[]>, graceDays: number, certificationIds: string[]) {
  const out: Record<string, unknown> = { graceDays: String(graceDays) }
  for (const tier of RULE_TIERS) {
    const list = rules[tier] ?? []
    const people = list.find((c) => c.kind === 'certified' && c.certificationId === null)
    const revenue = list.find((c) => c.kind === 'revenue')
    out[tier] = {
      people: people?.kind === 'certified' ? String(people.count) : '',
      revenue: revenue?.kind === 'revenue' ? minorToInput(revenue.amountMinor, 'IDR') : '',
      certs: Object.fromEntries(certificationIds.map((id) => {
        const c = list.find((x) => x.kind === 'certified' && x.certificationId === id)
        return [id, c?.kind === 'certified' ? String(c.count) : '']
      })),
    }
  }
  return out
}

export default function TierSettings() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const ids = d.certifications.map((c) => c.value)
  const [form, f] = useForm<TierForm, TierRulesInput>({ lastResult, defaultValue: defaults(d.rules, d.graceDays, ids) as TierForm, onValidate: ({ formData }) => parseWithZod(formData, { schema: tierRulesFormSchema(ids) }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('training.tiers.title')} subtitle={t('training.tiers.intro')} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError errors={form.errors} />
        <p className="hint">{t('training.tiers.registeredNote')}</p>
        {RULE_TIERS.map((tier) => {
          const tf = f[tier].getFieldset()
          const certs = tf.certs.getFieldset() as Record<string, FieldMetadata<string>>
          return (
            <fieldset key={tier} className="card form-grid">
              <legend>{t(`tiers.${tier}`)}</legend>
              <Field meta={tf.people} label={t('training.tiers.people')}>
                <input {...getInputProps(tf.people, { type: 'text' })} inputMode="numeric" />
              </Field>
              {d.certifications.map((c) => (
                <Field key={c.value} meta={certs[c.value]} label={t('training.tiers.peopleCert', { certification: c.label })}>
                  <input {...getInputProps(certs[c.value], { type: 'text' })} inputMode="numeric" />
                </Field>
              ))}
              <Field meta={tf.revenue} label={t('training.tiers.revenue')}>
                <input {...getInputProps(tf.revenue, { type: 'text' })} inputMode="numeric" />
              </Field>
            </fieldset>
          )
        })}
        <div className="card form-grid">
          <Field meta={f.graceDays} label={t('training.tiers.graceDays')}>
            <input {...getInputProps(f.graceDays, { type: 'number' })} min={0} max={365} />
          </Field>
        </div>
        <div className="form-actions">
          <SubmitButton>{t('actions.save')}</SubmitButton>
        </div>
      </Form>
    </>
  )
}
