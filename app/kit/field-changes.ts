import type { Sentence } from './history.server'
import type { MessageKey } from '../utils/i18n'

type Formatter = (value: unknown) => string

/** How each field of a record reads in a history line: its label and how to show its value; unlisted fields are left out. */
export type FieldCatalog = Record<string, { label: MessageKey; format?: Formatter }>

/**
 * "Name: PT Lama → PT Baru" lines for the fields of an update that the catalog knows, so a history
 * never shows raw column names, epochs or ids.
 */
export function describeChanges(catalog: FieldCatalog, before: unknown, after: unknown, label: (key: MessageKey) => string): NonNullable<Sentence['details']> {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const out: NonNullable<Sentence['details']> = []
  for (const [field, spec] of Object.entries(catalog)) {
    if (!(field in a)) continue
    const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : spec.format ? spec.format(v) : String(v))
    out.push({ key: 'history.fieldChange', params: { field: label(spec.label), from: show(b[field]), to: show(a[field]) } })
  }
  return out
}
