import { en, type MessageKey } from '../locales/en'
import { id } from '../locales/id'

export const LOCALES = ['id', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'id'
export type { MessageKey }

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, id }

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en'
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key)
}

/** Looks a key up in the locale's catalog and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? en[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Translates a key that arrives as a plain string (from an error or a stored notification). */
export function translateLoose(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  return isMessageKey(key) ? translate(locale, key, params) : key
}

/** Picks a locale from an Accept-Language header, else the default (Bahasa Indonesia). */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';')
      const q = rest.find((r) => r.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]
    if (base === 'id' || base === 'in' || base === 'ms') return 'id'
    if (base === 'en') return 'en'
  }
  return DEFAULT_LOCALE
}
