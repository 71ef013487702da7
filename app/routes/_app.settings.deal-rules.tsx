import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { Field, FormError, PageHeader, SubmitButton, TextAreaField, TextField } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { DealRulesSchema } from '../modules/deals/deals.schema'
import { getDealRules, updateDealRules } from '../modules/deals/deals.server'
import { asDefaults } from '../utils/form-defaults'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  const { id: _id, updatedBy: _u, ...rules } = await getDealRules(actor)
  return json({ rules })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:settings')
  const submission = parseWithZod(await request.formData(), { schema: DealRulesSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateDealRules(actor, submission.value)
  return redirectWithToast('/settings/deal-rules', { key: 'deals.rulesSaved' })
})

export default function DealRulesPage() {
  const { rules } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: { ...asDefaults(rules), autoFlagApprovedMatch: rules.autoFlagApprovedMatch ? 'on' : '' }, onValidate: ({ formData }) => parseWithZod(formData, { schema: DealRulesSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('nav.dealRules')} />
      <Form method="post" {...getFormProps(form)} className="stack form-grid card">
        <FormError errors={form.errors} />
        <TextField meta={f.protectionDays} label={t('deals.rules.protectionDays')} type="number" min={1} max={730} />
        <TextField meta={f.extensionDays} label={t('deals.rules.extensionDays')} type="number" min={1} max={365} />
        <TextField meta={f.maxExtensions} label={t('deals.rules.maxExtensions')} type="number" min={0} max={10} />
        <Field meta={f.autoFlagApprovedMatch} label={t('deals.rules.autoFlag')}>
          <input {...getInputProps(f.autoFlagApprovedMatch, { type: 'checkbox' })} />
        </Field>
        <TextAreaField meta={f.rulesTextId} label={t('deals.rules.textId')} rows={6} />
        <TextAreaField meta={f.rulesTextEn} label={t('deals.rules.textEn')} rows={6} />
        <div className="form-actions"><SubmitButton>{t('actions.save')}</SubmitButton></div>
      </Form>
    </>
  )
}
