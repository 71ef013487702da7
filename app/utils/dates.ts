export const DAY_MS = 86_400_000

export function formatDate(ms: number | null | undefined, locale: 'id' | 'en', timeZone = 'Asia/Jakarta'): string {
  if (ms == null) return '—'
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone }).format(ms)
}

export function formatDateTime(ms: number | null | undefined, locale: 'id' | 'en', timeZone = 'Asia/Jakarta'): string {
  if (ms == null) return '—'
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(ms)
}

/** A yyyy-mm-dd calendar date shown without shifting it through a time zone. */
export function formatCalendarDate(isoDate: string | null | undefined, locale: 'id' | 'en'): string {
  if (!isoDate) return '—'
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
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
