import { intlLocale, numberFormat } from './intl'

// Money is integer minor units + an ISO 4217 code. IDR is kept and shown in whole rupiah
// (0 minor digits) as Indonesian invoices do, though ISO lists 2.
const ZERO_DECIMAL = new Set(['IDR', 'JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG', 'KMF', 'GNF', 'RWF', 'VUV'])
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND', 'IQD', 'LYD'])

export const CURRENCIES = ['IDR', 'USD', 'SGD', 'EUR', 'MYR', 'AUD', 'JPY', 'CNY', 'GBP', 'THB', 'PHP', 'VND'] as const

export function minorDigits(currency: string): number {
  const c = currency.toUpperCase()
  if (ZERO_DECIMAL.has(c)) return 0
  if (THREE_DECIMAL.has(c)) return 3
  return 2
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code })
    return true
  } catch {
    return false
  }
}

/**
 * Parses a typed amount ("12.500.000", "12,500,000.50", "1.250,50", "1250.5") into minor
 * units, or null. People paste both Indonesian and English notation whatever their UI
 * language, so the notation is read from the text: with both separators the last one is the
 * decimal mark; a separator that repeats, or has exactly three digits after it, groups thousands.
 */
export function parseAmountToMinor(input: string, currency: string, _locale: 'id' | 'en' = 'id'): number | null {
  const s = input.trim().replace(/\s|Rp\.?|[A-Z]{3}/gi, '')
  if (!s || !/^[\d.,]+$/.test(s)) return null
  const digits = minorDigits(currency)
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  let decimalMark: '.' | ',' | null = null
  if (lastDot !== -1 && lastComma !== -1) decimalMark = lastDot > lastComma ? '.' : ','
  else {
    const mark = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null
    if (mark && s.split(mark).length === 2 && s.length - s.lastIndexOf(mark) - 1 !== 3) decimalMark = mark
  }
  const groupMark = decimalMark === '.' ? ',' : '.'
  const cleaned = (decimalMark ? s : s.replace(/[.,]/g, '')).split(groupMark).join(decimalMark ? '' : '')
  const parts = decimalMark ? cleaned.split(decimalMark) : [cleaned]
  if (parts.length > 2) return null
  const [whole, frac = ''] = parts
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(frac) || frac.length > digits) return null
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0')
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null
  return Number(minor)
}

export function formatMoney(minor: number, currency: string, locale: 'id' | 'en' = 'id'): string {
  const digits = minorDigits(currency)
  // pages format dozens of amounts: the formatter is found by locale and currency alone
  const key = `${locale}|${currency}`
  let format = moneyFormats.get(key)
  if (!format) moneyFormats.set(key, (format = numberFormat(intlLocale(locale, 'en-US'), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return format.format(minor / 10 ** digits)
}
const moneyFormats = new Map<string, Intl.NumberFormat>()

/** The amount as a plain number string for an input's value (no grouping). */
export function minorToInput(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  if (digits === 0) return String(minor)
  const s = String(minor).padStart(digits + 1, '0')
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`
}

export function formatMoneyCompact(minor: number, currency: string, locale: 'id' | 'en' = 'id'): string {
  return numberFormat(intlLocale(locale, 'en-US'), { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(minor / 10 ** minorDigits(currency))
}
