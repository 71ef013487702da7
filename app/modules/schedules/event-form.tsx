import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '../../components/navigation'
import { Field, FormActions, FormError, SelectField, TextAreaField, TextField } from '../../components/ui'
import { asDefaults } from '../../utils/form-defaults'
import { useT } from '../../utils/use-t'
import { EVENT_TIME_ZONES, EventFormSchema, MANUAL_EVENT_KINDS, PARTNER_TIERS } from './schedules.schema'

type Defaults = Record<string, unknown> & { inviteOrgs?: string[]; inviteTiers?: string[] }

/** The event form: what, when and where (in the event's own zone), and who is invited. Works without JavaScript. */
export function EventForm({ lastResult, defaultValue, orgs, cancelTo }: { lastResult: SubmissionResult<string[]> | undefined; defaultValue?: Defaults; orgs: { id: string; name: string }[]; cancelTo: string }) {
  const { t } = useT()
  const [form, f] = useForm({
    lastResult,
    defaultValue: asDefaults(defaultValue ?? { kind: 'webinar', timeZone: 'Asia/Jakarta' }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const initial = (form.initialValue ?? {}) as Record<string, unknown>
  const listOf = (name: 'inviteOrgs' | 'inviteTiers') => {
    const v = lastResult ? initial[name] : defaultValue?.[name]
    return new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])
  }
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormError errors={form.errors} />
      <fieldset className="form-grid">
        <legend>{t('schedules.sectionWhat')}</legend>
        <SelectField meta={f.kind} label={t('schedules.fields.kind')} options={MANUAL_EVENT_KINDS.map((k) => ({ value: k, label: t(`schedules.kind.${k}`) }))} />
        <TextField meta={f.titleId} label={t('schedules.fields.titleId')} required />
        <TextField meta={f.titleEn} label={t('schedules.fields.titleEn')} required />
        <TextAreaField meta={f.descriptionId} label={t('schedules.fields.descriptionId')} />
        <TextAreaField meta={f.descriptionEn} label={t('schedules.fields.descriptionEn')} />
      </fieldset>
      <fieldset className="form-grid">
        <legend>{t('schedules.sectionWhen')}</legend>
        <Field meta={f.startsLocal} label={t('schedules.fields.startsLocal')} hint={t('schedules.hints.times')} required>
          <input id={f.startsLocal.id} name={f.startsLocal.name} type="datetime-local" defaultValue={String(f.startsLocal.initialValue ?? '')} required aria-invalid={f.startsLocal.errors ? true : undefined} aria-describedby={f.startsLocal.errors ? f.startsLocal.errorId : undefined} />
        </Field>
        <Field meta={f.endsLocal} label={t('schedules.fields.endsLocal')} required>
          <input id={f.endsLocal.id} name={f.endsLocal.name} type="datetime-local" defaultValue={String(f.endsLocal.initialValue ?? '')} required aria-invalid={f.endsLocal.errors ? true : undefined} aria-describedby={f.endsLocal.errors ? f.endsLocal.errorId : undefined} />
        </Field>
        <SelectField meta={f.timeZone} label={t('schedules.fields.timeZone')} options={EVENT_TIME_ZONES.map((z) => ({ value: z, label: z }))} />
        <TextField meta={f.location} label={t('schedules.fields.location')} hint={t('schedules.hints.where')} />
        <TextField meta={f.onlineUrl} label={t('schedules.fields.onlineUrl')} type="url" />
        <TextField meta={f.capacity} label={t('schedules.fields.capacity')} hint={t('schedules.hints.capacity')} inputMode="numeric" />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('schedules.sectionWho')}</legend>
        <fieldset className="checkbox-group">
          <legend>{t('schedules.fields.inviteTiers')}</legend>
          {PARTNER_TIERS.map((tier) => (
            <label key={tier} className="checkbox">
              <input type="checkbox" name="inviteTiers" value={tier} defaultChecked={listOf('inviteTiers').has(tier)} /> {t(`tiers.${tier}`)}
            </label>
          ))}
        </fieldset>
        <Field meta={f.inviteOrgs} label={t('schedules.fields.inviteOrgs')}>
          <select id={f.inviteOrgs.id} name="inviteOrgs" multiple size={Math.min(8, Math.max(3, orgs.length))} defaultValue={[...listOf('inviteOrgs')]}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <TextAreaField meta={f.inviteEmails} label={t('schedules.fields.inviteEmails')} hint={t('schedules.hints.inviteEmails')} rows={2} />
      </fieldset>
      <FormActions cancelTo={cancelTo} submitLabel={t('schedules.save')} />
    </Form>
  )
}
