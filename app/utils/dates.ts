import { dateTimeFormat, intlLocale } from './intl'

export const DAY_MS = 86_400_000

export function formatDate(ms: number | null | undefined, locale: 'id' | 'en', timeZone = 'Asia/Jakarta'): string {
  if (ms == null) return '—'
  return dateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone }).format(ms)
}

export function formatDateTime(ms: number | null | undefined, locale: 'id' | 'en', timeZone = 'Asia/Jakarta'): string {
  if (ms == null) return '—'
  return dateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(ms)
}

/** A yyyy-mm-dd calendar date shown without shifting it through a time zone. */
/** A calendar date ("3 Mar 2027"; with style 'full': "Rabu, 3 Maret 2027" / "Wednesday, 3 March 2027"). */
export function formatCalendarDate(isoDate: string | null | undefined, locale: 'id' | 'en', style: 'medium' | 'full' = 'medium'): string {
  if (!isoDate) return '—'
  return dateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  )
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** "25 November 2026" in the reader's language and zone, for emails and notifications. */
export function formatLongDate(ms: number, locale: 'id' | 'en', timeZone = 'Asia/Jakarta'): string {
  return dateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(ms)
}
