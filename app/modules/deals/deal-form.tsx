import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useFetcher } from '@remix-run/react'
import { Form, Link } from '../../components/navigation'
import { useEffect, useRef, useState } from 'react'
import { Field, FormError, SelectField, SubmitButton, TextAreaField, TextField } from '../../components/ui'
import { asDefaults } from '../../utils/form-defaults'
import { CURRENCIES } from '../../utils/money'
import { useT } from '../../utils/use-t'
import { DealFormSchema } from './deals.schema'

type ConflictAnswer = { possibleConflict: boolean; matches: { type: string; label: string; score: number }[]; alreadyRegistered: { id: string; customerName: string }[] }

/**
 * The registration form. While the customer fields change it asks /deals/conflicts (a
 * resource route) whether the customer may already be claimed; without JavaScript the same
 * check runs on submit.
 */
export function DealForm({ lastResult, defaultValue, rulesText, cancelTo, excludeId }: { lastResult: SubmissionResult<string[]> | undefined; defaultValue?: Record<string, unknown>; rulesText: string; cancelTo: string; excludeId?: string }) {
  const { t } = useT()
  const [form, f] = useForm({
    lastResult,
    defaultValue: asDefaults(defaultValue ?? { currency: 'IDR' }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DealFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const conflicts = useFetcher<ConflictAnswer>()
  const [query, setQuery] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const name = f.customerName.value ?? ''
  const website = f.customerWebsite.value ?? ''
  const npwp = f.customerNpwp.value ?? ''
  useEffect(() => {
    // the schema's own limit: a longer name is an error on the form, not a question for the server
    if (name.trim().length < 3 || name.length > 200) return
    const params = new URLSearchParams({ name, website, npwp })
    if (excludeId) params.set('exclude', excludeId)
    const next = params.toString()
    if (next === query) return
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      setQuery(next)
      conflicts.load(`/deals/conflicts?${next}`)
    }, 400)
    return () => clearTimeout(timer.current)
  }, [name, website, npwp, excludeId, query, conflicts])
  const answer = conflicts.data
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormError errors={form.errors} />
      <fieldset className="form-grid">
        <legend>{t('deals.sectionCustomer')}</legend>
        <TextField meta={f.customerName} label={t('deals.fields.customerName')} required autoComplete="organization" />
        <TextField meta={f.customerWebsite} label={t('deals.fields.customerWebsite')} hint={t('deals.hints.website')} />
        <TextField meta={f.customerNpwp} label={t('deals.fields.customerNpwp')} hint={t('hints.npwp')} />
        <TextField meta={f.customerCity} label={t('deals.fields.city')} />
        <TextField meta={f.customerRegion} label={t('deals.fields.region')} />
      </fieldset>
      <div aria-live="polite" className="conflict-live">
        {conflicts.state === 'loading' ? <p className="hint">{t('deals.conflictChecking')}</p> : null}
        {answer && conflicts.state === 'idle' && answer.alreadyRegistered?.length ? (
          <div className="notice" role="status">
            {t('deals.alreadyRegistered')}{' '}
            {answer.alreadyRegistered.map((x, i) => (
              <span key={x.id}>
                {i ? ', ' : ''}
                <Link to={`/deals/${x.id}`}>{x.customerName}</Link>
              </span>
            ))}
          </div>
        ) : null}
        {answer && conflicts.state === 'idle' ? (
          answer.possibleConflict ? (
            <div className="notice notice-warning" role="status">
              <strong>{t('deals.conflictUnderReview')}</strong>
              <p>{t('deals.conflictUnderReviewHelp')}</p>
              {answer.matches.length ? (
                <ul>
                  {answer.matches.slice(0, 5).map((m, i) => (
                    <li key={i}>
                      {m.label} · {t('deals.score', { score: m.score })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : answer.alreadyRegistered?.length ? null : (
            <p className="hint">{t('deals.conflictNone')}</p>
          )
        ) : null}
      </div>
      <fieldset className="form-grid">
        <legend>{t('deals.sectionContact')}</legend>
        <TextField meta={f.contactName} label={t('deals.fields.contactName')} required />
        <TextField meta={f.contactEmail} label={t('deals.fields.contactEmail')} type="email" required />
        <TextField meta={f.contactPhone} label={t('deals.fields.contactPhone')} type="tel" />
      </fieldset>
      <fieldset className="form-grid">
        <legend>{t('deals.sectionDeal')}</legend>
        <TextAreaField meta={f.products} label={t('deals.fields.products')} rows={2} />
        <TextField meta={f.value} label={t('deals.fields.value')} inputMode="decimal" hint={t('hints.amount')} required />
        <SelectField meta={f.currency} label={t('deals.fields.currency')} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        <TextField meta={f.expectedCloseDate} label={t('deals.fields.expectedClose')} type="date" required />
        <TextField meta={f.competitors} label={t('deals.fields.competitors')} />
        <TextAreaField meta={f.notes} label={t('deals.fields.notes')} rows={3} />
      </fieldset>
      <details className="card" open>
        <summary>{t('deals.rulesTitle')}</summary>
        <p className="prose">{rulesText}</p>
      </details>
      <Field meta={f.acceptRules} label={t('deals.fields.acceptRules')}>
        <input {...getInputProps(f.acceptRules, { type: 'checkbox' })} />
      </Field>
      <div className="form-actions">
        <SubmitButton intent="submit">{t('deals.submit')}</SubmitButton>
        <button type="submit" name="intent" value="draft" className="btn">
          {t('deals.saveDraft')}
        </button>
        <Link to={cancelTo} className="btn">
          {t('actions.cancel')}
        </Link>
      </div>
    </Form>
  )
}
