import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '../../components/navigation'
import { FormActions, FormError, SelectField, TextField } from '../../components/ui'
import { useT } from '../../utils/use-t'
import { asDefaults } from '../../utils/form-defaults'
import { ORG_STATUSES, OrganisationSchema, TIERS } from './orgs.schema'

export function OrganisationForm({ lastResult, defaultValue, cancelTo, kindFixed }: { lastResult: SubmissionResult<string[]> | undefined; defaultValue?: Record<string, unknown>; cancelTo: string; kindFixed?: boolean }) {
  const { t } = useT()
  const [form, f] = useForm({ lastResult, defaultValue: asDefaults(defaultValue), onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-grid">
      <FormError errors={form.errors} />
      {kindFixed ? (
        <input type="hidden" name="kind" value={f.kind.initialValue as string} />
      ) : (
        <SelectField meta={f.kind} label={t('fields.kind')} options={(['partner', 'supplier'] as const).map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))} />
      )}
      <TextField meta={f.name} label={t('fields.name')} required />
      <TextField meta={f.legalName} label={t('fields.legalName')} />
      <TextField meta={f.npwp} label={t('fields.npwp')} placeholder="01.234.567.8-901.000" hint={t('hints.npwp')} />
      <TextField meta={f.country} label={t('fields.country')} maxLength={2} hint={t('hints.country')} />
      <TextField meta={f.region} label={t('fields.region')} />
      <TextField meta={f.city} label={t('fields.city')} />
      <TextField meta={f.website} label={t('fields.website')} />
      {f.kind.value !== 'supplier' ? <SelectField meta={f.tier} label={t('fields.tier')} options={TIERS.map((x) => ({ value: x, label: t(`tiers.${x}`) }))} /> : null}
      <SelectField meta={f.status} label={t('fields.status')} options={ORG_STATUSES.map((x) => ({ value: x, label: t(`orgs.status.${x}`) }))} />
      <FormActions cancelTo={cancelTo} />
    </Form>
  )
}
