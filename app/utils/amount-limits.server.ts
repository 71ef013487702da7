import { getEnv } from './env.server'
import { ValidationFailed } from './errors'
import { formatMoney, minorDigits } from './money'
import type { Locale } from './i18n'

/** The largest amount a form accepts for this currency, in minor units (AMOUNT_CEILINGS). */
export function amountCeilingMinor(currency: string): number {
  const table = new Map(getEnv().AMOUNT_CEILINGS.split(',').map((p) => p.trim().split('=') as [string, string]))
  const major = Number(table.get(currency) ?? table.get('DEFAULT') ?? 10_000_000_000)
  return Math.min(Number.MAX_SAFE_INTEGER, major * 10 ** minorDigits(currency))
}

/** Refuses an amount no deal or budget could have (Rp 9.000.000.000.000.000), with the ceiling in words. */
export function assertSaneAmount(field: string, minor: number, currency: string, locale: Locale) {
  const ceiling = amountCeilingMinor(currency)
  if (minor > ceiling) throw new ValidationFailed(field, 'errors.amountTooLarge', { max: formatMoney(ceiling, currency, locale) })
}
