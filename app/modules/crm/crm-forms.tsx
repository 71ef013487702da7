import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '../../components/navigation'
import { FormActions, FormError, SelectField, SubmitButton, TextAreaField, TextField } from '../../components/ui'
import { useT } from '../../utils/use-t'
import { asDefaults } from '../../utils/form-defaults'
import { CURRENCIES } from '../../utils/money'
import { AccountSchema, ActivitySchema, ACTIVITY_KINDS, ContactSchema, LEAD_SOURCES, LEAD_STATUSES, LeadSchema, OpportunitySchema } from './crm.schema'

type Result = SubmissionResult<string[]> | undefined

export function AccountForm({ lastResult, defaultValue, cancelTo }: { lastResult: Result; defaultValue?: Record<string, unknown>; cancelTo: string }) {
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: asDefaults(defaultValue), onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid">
      <FormError errors={form.errors} />
      <TextField meta={f.name} label={t('fields.companyName')} required />
      <TextField meta={f.website} label={t('fields.website')} placeholder="https://" />
      <TextField meta={f.npwp} label={t('fields.npwp')} placeholder="01.234.567.8-901.000" hint={t('hints.npwp')} />
      <TextField meta={f.industry} label={t('fields.industry')} />
      <TextField meta={f.phone} label={t('fields.phone')} type="tel" />
      <TextField meta={f.address} label={t('fields.address')} />
      <TextField meta={f.city} label={t('fields.city')} />
      <TextField meta={f.region} label={t('fields.region')} />
      <FormActions cancelTo={cancelTo} />
    </Form>
  )
}

export function ContactForm({ lastResult, defaultValue, accounts, cancelTo }: { lastResult: Result; defaultValue?: Record<string, unknown>; accounts: { id: string; name: string }[]; cancelTo: string }) {
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: asDefaults(defaultValue), onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid">
      <FormError errors={form.errors} />
      <TextField meta={f.firstName} label={t('fields.firstName')} required />
      <TextField meta={f.lastName} label={t('fields.lastName')} />
      <TextField meta={f.email} label={t('fields.email')} type="email" />
      <TextField meta={f.phone} label={t('fields.phone')} type="tel" />
      <TextField meta={f.title} label={t('fields.jobTitle')} />
      <SelectField meta={f.accountId} label={t('fields.account')} placeholder={t('fields.noAccount')} options={accounts.map((a) => ({ value: a.id, label: a.name }))} />
      <FormActions cancelTo={cancelTo} />
    </Form>
  )
}

export function LeadForm({ lastResult, defaultValue, cancelTo }: { lastResult: Result; defaultValue?: Record<string, unknown>; cancelTo: string }) {
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: asDefaults(defaultValue ?? { status: 'new', source: 'web', score: '0' }), onValidate: ({ formData }) => parseWithZod(formData, { schema: LeadSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid">
      <FormError errors={form.errors} />
      <TextField meta={f.company} label={t('fields.companyName')} required />
      <TextField meta={f.contactName} label={t('fields.contactName')} required />
      <TextField meta={f.email} label={t('fields.email')} type="email" />
      <TextField meta={f.phone} label={t('fields.phone')} type="tel" />
      <SelectField meta={f.source} label={t('fields.source')} options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))} />
      <SelectField meta={f.status} label={t('fields.status')} options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))} />
      <TextField meta={f.score} label={t('fields.score')} type="number" min={0} max={100} hint={t('hints.score')} />
      <FormActions cancelTo={cancelTo} />
    </Form>
  )
}

type PipelineOption = { id: string; name: string; stages: { id: string; name: string }[] }

export function OpportunityForm({ lastResult, defaultValue, accounts, pipelines, cancelTo }: { lastResult: Result; defaultValue?: Record<string, unknown>; accounts: { id: string; name: string }[]; pipelines: PipelineOption[]; cancelTo: string }) {
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: asDefaults(defaultValue ?? { currency: 'IDR', pipelineId: pipelines[0]?.id }), onValidate: ({ formData }) => parseWithZod(formData, { schema: OpportunitySchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const pipeline = pipelines.find((p) => p.id === f.pipelineId.value) ?? pipelines[0]
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid">
      <FormError errors={form.errors} />
      <TextField meta={f.name} label={t('fields.opportunityName')} required />
      <SelectField meta={f.accountId} label={t('fields.account')} placeholder={t('fields.chooseAccount')} options={accounts.map((a) => ({ value: a.id, label: a.name }))} />
      <SelectField meta={f.pipelineId} label={t('fields.pipeline')} options={pipelines.map((p) => ({ value: p.id, label: p.name }))} />
      <SelectField meta={f.stageId} label={t('fields.stage')} placeholder={t('fields.firstStage')} options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      <TextField meta={f.amount} label={t('fields.amount')} inputMode="decimal" hint={t('hints.amount')} required />
      <SelectField meta={f.currency} label={t('fields.currency')} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
      <TextField meta={f.expectedCloseDate} label={t('fields.expectedClose')} type="date" />
      <FormActions cancelTo={cancelTo} />
    </Form>
  )
}

export function ActivityForm({ lastResult }: { lastResult: Result }) {
  const { t } = useT()
  const [form, f] = useForm({ id: 'activity', lastResult, defaultValue: { kind: 'note' }, onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivitySchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormError errors={form.errors} />
      <SelectField meta={f.kind} label={t('fields.activityKind')} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))} />
      <TextField meta={f.subject} label={t('fields.subject')} required />
      <TextAreaField meta={f.body} label={t('fields.details')} rows={3} />
      <SubmitButton intent="activity">{t('activities.add')}</SubmitButton>
    </Form>
  )
}
