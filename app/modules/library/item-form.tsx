import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '../../components/navigation'
import { Field, FormActions, FormError, SelectField, TextAreaField, TextField } from '../../components/ui'
import { asDefaults } from '../../utils/form-defaults'
import { useT } from '../../utils/use-t'
import { ItemFormSchema, LIBRARY_AUDIENCES, LIBRARY_CATEGORIES, LIBRARY_KINDS, LIBRARY_LANGUAGES, PARTNER_TIERS } from './library.schema'

type Choices = { orgs: { id: string; name: string; kind: string }[]; regions: string[]; kitCandidates: { id: string; titleEn: string; titleId: string }[] }
type Defaults = Record<string, unknown> & { tiers?: string[]; regions?: string[]; orgs?: string[]; kitItems?: string[] }

/**
 * The item form: what it is, who may see it and (for a new document or image) its first file.
 * A plain multipart form: it works without JavaScript; the schema also checks in the browser.
 */
export function ItemForm({ lastResult, defaultValue, choices, cancelTo, withFile }: { lastResult: SubmissionResult<string[]> | undefined; defaultValue?: Defaults; choices: Choices; cancelTo: string; withFile: boolean }) {
  const { t, tl, locale } = useT()
  const [form, f] = useForm({
    lastResult,
    defaultValue: asDefaults(defaultValue ?? { kind: 'document', language: 'both', audience: 'all_partners', category: 'brochure' }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ItemFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  // what the user typed survives a refused submission (lastResult), else the record's values
  const initial = (form.initialValue ?? {}) as Record<string, unknown>
  const listOf = (name: 'tiers' | 'regions' | 'orgs' | 'kitItems') => {
    const v = lastResult ? initial[name] : defaultValue?.[name]
    return new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])
  }
  const fileError = (lastResult?.error as Record<string, string[] | undefined> | undefined)?.file
  const audienceValue = String(f.audience.value ?? f.audience.initialValue ?? 'all_partners')
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <FormError errors={form.errors} />
      <fieldset className="form-grid">
        <legend>{t('library.sectionWhat')}</legend>
        <SelectField meta={f.kind} label={t('library.fields.kind')} options={LIBRARY_KINDS.map((k) => ({ value: k, label: t(`library.kind.${k}`) }))} />
        <SelectField meta={f.category} label={t('library.fields.category')} options={LIBRARY_CATEGORIES.map((c) => ({ value: c, label: t(`library.category.${c}`) }))} />
        <TextField meta={f.titleId} label={t('library.fields.titleId')} required />
        <TextField meta={f.titleEn} label={t('library.fields.titleEn')} required />
        <TextAreaField meta={f.descriptionId} label={t('library.fields.descriptionId')} />
        <TextAreaField meta={f.descriptionEn} label={t('library.fields.descriptionEn')} />
        <SelectField meta={f.language} label={t('library.fields.language')} options={LIBRARY_LANGUAGES.map((l) => ({ value: l, label: t(`library.language.${l}`) }))} />
        <TextField meta={f.tags} label={t('library.fields.tags')} hint={t('library.hints.tags')} />
        <TextField meta={f.product} label={t('library.fields.product')} />
        <TextField meta={f.videoUrl} label={t('library.fields.videoUrl')} type="url" hint={t('library.hints.videoUrl')} />
      </fieldset>

      <fieldset className="stack">
        <legend>{t('library.sectionWho')}</legend>
        <p className="hint">{t('library.hints.audience')}</p>
        <div role="radiogroup" aria-label={t('library.fields.audience')} className="stack">
          {LIBRARY_AUDIENCES.map((a) => (
            <label key={a} className="checkbox">
              <input type="radio" name={f.audience.name} value={a} defaultChecked={audienceValue === a} /> {t(`library.audience.${a}`)}
            </label>
          ))}
        </div>
        <fieldset className="checkbox-group">
          <legend>{t('library.fields.tiers')}</legend>
          {PARTNER_TIERS.map((tier) => (
            <label key={tier} className="checkbox">
              <input type="checkbox" name="tiers" value={tier} defaultChecked={listOf('tiers').has(tier)} /> {t(`tiers.${tier}`)}
            </label>
          ))}
          {f.tiers.errors?.length ? <p className="field-error" role="alert">{tl(f.tiers.errors[0])}</p> : null}
        </fieldset>
        {choices.regions.length ? (
          <fieldset className="checkbox-group">
            <legend>{t('library.fields.regions')}</legend>
            {choices.regions.map((r) => (
              <label key={r} className="checkbox">
                <input type="checkbox" name="regions" value={r} defaultChecked={listOf('regions').has(r)} /> {r}
              </label>
            ))}
            {f.regions.errors?.length ? <p className="field-error" role="alert">{tl(f.regions.errors[0])}</p> : null}
          </fieldset>
        ) : null}
        <Field meta={f.orgs} label={t('library.fields.orgs')}>
          <select id={f.orgs.id} name="orgs" multiple size={Math.min(8, Math.max(3, choices.orgs.length))} defaultValue={[...listOf('orgs')]}>
            {choices.orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      {choices.kitCandidates.length ? (
        <fieldset className="stack">
          <legend>{t('library.kind.kit')}</legend>
          <Field meta={f.kitItems} label={t('library.fields.kitItems')}>
            <select id={f.kitItems.id} name="kitItems" multiple size={Math.min(8, choices.kitCandidates.length)} defaultValue={[...listOf('kitItems')]}>
              {choices.kitCandidates.map((o) => (
                <option key={o.id} value={o.id}>
                  {locale === 'id' ? o.titleId : o.titleEn}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      ) : null}

      {withFile ? (
        <fieldset className="form-grid">
          <legend>{t('library.sectionFile')}</legend>
          <div className={`field${fileError?.length ? ' field-invalid' : ''}`}>
            <label htmlFor="library-file">{t('library.fields.file')}</label>
            <input id="library-file" type="file" name="file" accept=".pdf,.xlsx,.docx,.zip,.png,.jpg,.jpeg" aria-describedby={fileError?.length ? 'library-file-error' : undefined} />
            <p className="hint">{t('library.hints.file')}</p>
            {fileError?.length ? (
              <p className="field-error" id="library-file-error" role="alert">
                {tl(fileError[0])}
              </p>
            ) : null}
          </div>
          <TextField meta={f.note} label={t('library.fields.note')} hint={t('library.hints.note')} />
        </fieldset>
      ) : null}
      <FormActions cancelTo={cancelTo} submitLabel={t('library.save')} />
    </Form>
  )
}
