import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { FormActions, FormError, PageHeader, SelectField, TextField } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { PERIOD_TYPES } from '../modules/mdf/mdf.machine'
import { FundSchema } from '../modules/mdf/mdf.schema'
import { createFund } from '../modules/mdf/mdf.server'
import { CURRENCIES, parseAmountToMinor } from '../utils/money'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  await requireCapability(request, 'manage:mdf')
  const now = new Date()
  return json({ year: now.getUTCFullYear(), quarter: Math.floor(now.getUTCMonth() / 3) + 1 })
})

const TIER_FIELDS = { registered: 'tierRegistered', silver: 'tierSilver', gold: 'tierGold', platinum: 'tierPlatinum' } as const

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:mdf')
  const submission = parseWithZod(await request.formData(), { schema: FundSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const v = submission.value
  // amounts are read in the fund's currency; a bad one is answered beside its field, the form kept
  const errors: Record<string, string[]> = {}
  const money = (field: string, text: string) => {
    const minor = parseAmountToMinor(text, v.currency, actor.locale)
    if (minor === null || minor < 0) errors[field] = ['errors.amount']
    return minor ?? 0
  }
  const budgetMinor = money('budget', v.budget)
  if (budgetMinor === 0) errors.budget = ['errors.amount']
  const tierAmounts: Record<string, number> = {}
  for (const [tier, field] of Object.entries(TIER_FIELDS)) if (v[field]) tierAmounts[tier] = money(field, v[field])
  if (Object.keys(errors).length) return json(submission.reply({ fieldErrors: errors }), { status: 400 })
  const accrualBps = v.accrualPct ? Math.round(Number(v.accrualPct.replace(',', '.')) * 100) : null
  const id = await createFund(actor, { name: v.name, periodType: v.periodType, year: v.year, part: v.periodType === 'year' ? 1 : v.part, currency: v.currency, budgetMinor, maxSharePct: v.maxSharePct, claimDeadlineDays: v.claimDeadlineDays, accrualBps: accrualBps || null, tierAmounts: Object.keys(tierAmounts).length ? tierAmounts : null })
  return redirectWithToast(`/mdf/funds/${id}`, { key: 'mdf.toast.fundCreated' })
})

export default function NewFund() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [form, f] = useForm({ lastResult: lastResult as any, defaultValue: { name: `MDF Q${d.quarter} ${d.year}`, periodType: 'quarter', year: String(d.year), part: String(d.quarter), currency: 'IDR', maxSharePct: '50', claimDeadlineDays: '60' }, onValidate: ({ formData }) => parseWithZod(formData, { schema: FundSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <>
      <PageHeader title={t('mdf.fund.new')} />
      <Form method="post" {...getFormProps(form)} className="stack form-grid card">
        <FormError errors={form.errors} />
        <TextField meta={f.name} label={t('mdf.fields.fundName')} required />
        <SelectField meta={f.periodType} label={t('mdf.fields.periodType')} options={PERIOD_TYPES.map((p) => ({ value: p, label: t(`mdf.period.${p}`) }))} />
        <TextField meta={f.year} label={t('mdf.fields.year')} type="number" min={2000} max={2100} required />
        <TextField meta={f.part} label={t('mdf.fields.part')} type="number" min={1} max={4} hint={t('mdf.fund.partHint')} />
        <SelectField meta={f.currency} label={t('mdf.fields.currency')} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        <TextField meta={f.budget} label={t('mdf.fields.budget')} inputMode="decimal" required />
        <TextField meta={f.maxSharePct} label={t('mdf.fields.maxSharePct')} type="number" min={1} max={100} />
        <TextField meta={f.claimDeadlineDays} label={t('mdf.fields.claimDeadlineDays')} type="number" min={1} max={365} />
        <TextField meta={f.accrualPct} label={t('mdf.fields.accrualPct')} hint={t('mdf.fund.accrualHint')} inputMode="decimal" />
        <p className="hint">{t('mdf.fund.tierHint')}</p>
        <TextField meta={f.tierRegistered} label={t('mdf.fund.tierAmount', { tier: t('tiers.registered') })} inputMode="decimal" />
        <TextField meta={f.tierSilver} label={t('mdf.fund.tierAmount', { tier: t('tiers.silver') })} inputMode="decimal" />
        <TextField meta={f.tierGold} label={t('mdf.fund.tierAmount', { tier: t('tiers.gold') })} inputMode="decimal" />
        <TextField meta={f.tierPlatinum} label={t('mdf.fund.tierAmount', { tier: t('tiers.platinum') })} inputMode="decimal" />
        <FormActions cancelTo="/mdf" submitLabel={t('mdf.fund.create')} />
      </Form>
    </>
  )
}
