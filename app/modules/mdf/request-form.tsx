import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '../../components/navigation'
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from '../../components/ui'
import { useT } from '../../utils/use-t'
import { ACTIVITY_TYPES } from './mdf.machine'
import { RequestSchema } from './mdf.schema'

export type FundChoice = { id: string; name: string; currency: string; maxSharePct: number; periodStart: string; periodEnd: string; available: number }

/** The request form, for a new request and for editing a draft or a returned one. */
export function RequestForm({ funds, lastResult, defaultValue, cancelTo }: { funds: FundChoice[]; lastResult: unknown; defaultValue: Record<string, string>; cancelTo: string }) {
  const { t, money, calendarDate } = useT()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [form, f] = useForm({ lastResult: lastResult as any, defaultValue, onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const fundId = (f.fundId.value as string | undefined) ?? defaultValue.fundId
  const fund = funds.find((x) => x.id === fundId) ?? funds[0]
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid card">
      <FormError errors={form.errors} />
      <SelectField meta={f.fundId} label={t('mdf.fields.fund')} options={funds.map((x) => ({ value: x.id, label: `${x.name} (${x.currency})` }))} />
      {fund ? (
        <p className="hint wide">
          {t('mdf.form.fundHint', { available: money(fund.available, fund.currency), pct: fund.maxSharePct, from: calendarDate(fund.periodStart), to: calendarDate(fund.periodEnd) })}
        </p>
      ) : null}
      <SelectField meta={f.activityType} label={t('mdf.fields.activityType')} options={ACTIVITY_TYPES.map((a) => ({ value: a, label: t(`mdf.activity.${a}`) }))} />
      <TextField meta={f.title} label={t('mdf.fields.title')} required maxLength={200} />
      <TextAreaField meta={f.description} label={t('mdf.fields.description')} rows={4} />
      <TextField meta={f.startsOn} label={t('mdf.fields.startsOn')} type="date" required />
      <TextField meta={f.endsOn} label={t('mdf.fields.endsOn')} type="date" required />
      <TextField meta={f.cost} label={t('mdf.fields.cost', { currency: fund?.currency ?? 'IDR' })} inputMode="decimal" required />
      <TextField meta={f.requested} label={t('mdf.fields.requested', { currency: fund?.currency ?? 'IDR' })} hint={t('mdf.form.requestedHint', { pct: fund?.maxSharePct ?? 50 })} inputMode="decimal" required />
      <TextField meta={f.expectedLeads} label={t('mdf.fields.expectedLeads')} type="number" min={0} />
      <TextField meta={f.expectedPipeline} label={t('mdf.fields.expectedPipeline', { currency: fund?.currency ?? 'IDR' })} inputMode="decimal" />
      <div className="form-actions wide">
        <SubmitButton intent="submit">{t('mdf.actions.submit')}</SubmitButton>
        <SubmitButton intent="draft" className="btn">
          {t('mdf.actions.saveDraft')}
        </SubmitButton>
        <Link to={cancelTo} className="btn">
          {t('actions.cancel')}
        </Link>
      </div>
    </Form>
  )
}
