import { useNavigation, useSearchParams } from '@remix-run/react'
import { Form, Link } from './navigation'
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useState, type InputHTMLAttributes, type ReactNode } from 'react'
import { formatCalendarDate } from '../utils/dates'
import { useT } from '../utils/use-t'
import type { MessageKey } from '../utils/i18n'

type FieldMeta = { id: string; name: string; errorId: string; errors?: string[]; initialValue?: unknown }

/** Label + control + translated error, wired for screen readers. */
export function Field({ meta, label, hint, children, required }: { meta: FieldMeta; label: string; hint?: string; children: ReactNode; required?: boolean }) {
  const { tl } = useT()
  return (
    <div className={`field${meta.errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={meta.id}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {' '}*
          </span>
        ) : null}
      </label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      {meta.errors?.length ? (
        <p className="field-error" id={meta.errorId} role="alert">
          {tl(meta.errors[0])}
        </p>
      ) : null}
    </div>
  )
}

export function FormError({ errors }: { errors?: string[] | null }) {
  const { tl } = useT()
  if (!errors?.length) return null
  return (
    <div className="form-error" role="alert">
      {errors.map((e) => tl(e)).join(' ')}
    </div>
  )
}

export function SubmitButton({ children, intent, className }: { children: ReactNode; intent?: string; className?: string }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <button type="submit" name={intent ? 'intent' : undefined} value={intent} className={className ?? 'btn btn-primary'} disabled={busy} aria-busy={busy}>
      {children}
    </button>
  )
}

export function PageHeader({ title, actions, subtitle }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  )
}

export function EmptyState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p>{message}</p>
      {action}
    </div>
  )
}

/** A column header that toggles sort order through the URL. */
export function SortHeader({ column, label }: { column: string; label: string }) {
  const [params] = useSearchParams()
  const current = params.get('sort')
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc'
  const next = new URLSearchParams(params)
  next.set('sort', column)
  next.set('dir', current === column && dir === 'asc' ? 'desc' : 'asc')
  next.delete('page')
  const mark = current === column ? (dir === 'asc' ? ' ▲' : ' ▼') : ''
  return (
    <th scope="col" aria-sort={current === column ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={`?${next}`}>
        {label}
        {mark}
      </Link>
    </th>
  )
}

/** A GET search form that keeps the other filters of the URL. */
export function SearchBox({ placeholder, children }: { placeholder: string; children?: ReactNode }) {
  const { t } = useT()
  const [params] = useSearchParams()
  return (
    <Form method="get" className="filters" role="search">
      <label className="sr-only" htmlFor="q">
        {placeholder}
      </label>
      <input id="q" type="search" name="q" defaultValue={params.get('q') ?? ''} placeholder={placeholder} />
      {children}
      {params.get('sort') ? <input type="hidden" name="sort" value={params.get('sort')!} /> : null}
      {params.get('dir') ? <input type="hidden" name="dir" value={params.get('dir')!} /> : null}
      <button type="submit" className="btn">
        {t('list.search')}
      </button>
    </Form>
  )
}

/** A destructive or consequential POST that asks first; without JavaScript the confirm page is the form itself. */
export function ConfirmButton({ message, children, intent, className, formNoValidate }: { message: MessageKey; children: ReactNode; intent: string; className?: string; formNoValidate?: boolean }) {
  const { t } = useT()
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={className ?? 'btn btn-danger'}
      formNoValidate={formNoValidate}
      onClick={(e) => {
        if (!window.confirm(t(message))) e.preventDefault()
      }}
    >
      {children}
    </button>
  )
}

export function Badge({ tone, children }: { tone?: 'green' | 'amber' | 'red' | 'grey' | 'blue'; children: ReactNode }) {
  return <span className={`badge badge-${tone ?? 'grey'}`}>{children}</span>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, any>

export function TextField({ meta, label, type = 'text', hint, ...rest }: { meta: AnyField; label: string; type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'number' | 'password'; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  if (type === 'date') return <DateField meta={meta} label={label} hint={hint} {...rest} />
  return (
    <Field meta={meta} label={label} hint={hint} required={rest.required}>
      <input {...getInputProps(meta, { type })} {...rest} />
    </Field>
  )
}

/**
 * A date: the browser's own picker (keyboard-usable, ISO value), whose display follows the browser's
 * language rather than the user's, so the chosen date is also written out beside it in the user's
 * language and format, live as it changes.
 */
function DateField({ meta, label, hint, ...rest }: { meta: AnyField; label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const { locale } = useT()
  const initial = typeof meta.initialValue === 'string' ? meta.initialValue : ''
  const [value, setValue] = useState(initial)
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value, locale, 'full') : null
  return (
    <Field meta={meta} label={label} hint={hint} required={rest.required}>
      <input
        {...getInputProps(meta, { type: 'date' })}
        {...rest}
        lang={locale}
        onChange={(e) => {
          setValue(e.currentTarget.value)
          rest.onChange?.(e)
        }}
      />
      <p className="hint date-echo" aria-live="polite">
        {shown}
      </p>
    </Field>
  )
}

export function SelectField({ meta, label, options, hint, placeholder }: { meta: AnyField; label: string; options: { value: string; label: string }[]; hint?: string; placeholder?: string }) {
  return (
    <Field meta={meta} label={label} hint={hint}>
      <select {...getSelectProps(meta)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  )
}

export function TextAreaField({ meta, label, hint, rows = 4 }: { meta: AnyField; label: string; hint?: string; rows?: number }) {
  return (
    <Field meta={meta} label={label} hint={hint}>
      <textarea {...getTextareaProps(meta)} rows={rows} />
    </Field>
  )
}

/** Save + cancel at the foot of a record form. */
export function FormActions({ cancelTo, submitLabel }: { cancelTo: string; submitLabel?: string }) {
  const { t } = useT()
  return (
    <div className="form-actions">
      <SubmitButton>{submitLabel ?? t('actions.save')}</SubmitButton>
      <Link to={cancelTo} className="btn">
        {t('actions.cancel')}
      </Link>
    </div>
  )
}

/** One labelled text box and the button that sends it as `intent`: reject with a reason, ask a question, answer… */
export function IntentTextForm({ intent, name, label, button, rows = 2, className = 'btn', required = true, id }: { intent: string; name: string; label: string; button: string; rows?: number; className?: string; required?: boolean; id?: string }) {
  // two of these on one page (return with a question, reject with a reason) share a field name, never an id
  const fieldId = id ?? `${intent}-${name}`
  return (
    <Form method="post" className="stack">
      <label htmlFor={fieldId}>{label}</label>
      <textarea id={fieldId} name={name} required={required} rows={rows} />
      <button type="submit" name="intent" value={intent} className={className}>
        {button}
      </button>
    </Form>
  )
}
