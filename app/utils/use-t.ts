import { useRouteLoaderData } from '@remix-run/react'
import { useCallback } from 'react'
import { formatCalendarDate, formatDate, formatDateTime } from './dates'
import { DEFAULT_LOCALE, translate, translateLoose, type Locale, type MessageKey } from './i18n'
import { formatMoney, formatMoneyCompact } from './money'
import { intlLocale, numberFormat } from './intl'

type RootData = { locale: Locale; timeZone: string }

export function useLocale(): { locale: Locale; timeZone: string } {
  const data = useRouteLoaderData('root') as RootData | undefined
  return { locale: data?.locale ?? DEFAULT_LOCALE, timeZone: data?.timeZone ?? 'Asia/Jakarta' }
}

/** The i18n helper for components: t(key, params) plus locale-aware formatters. */
export function useT() {
  const { locale, timeZone } = useLocale()
  const t = useCallback((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), [locale])
  return {
    t,
    tl: (key: string, params?: Record<string, string | number>) => translateLoose(locale, key, params),
    locale,
    timeZone,
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    /** Short form for headline figures: Rp 47,1 M (id) / IDR 47.1B (en). */
    moneyCompact: (minor: number, currency: string) => formatMoneyCompact(minor, currency, locale),
    date: (ms: number | null | undefined) => formatDate(ms, locale, timeZone),
    dateTime: (ms: number | null | undefined) => formatDateTime(ms, locale, timeZone),
    calendarDate: (iso: string | null | undefined) => formatCalendarDate(iso, locale),
    number: (n: number) => numberFormat(intlLocale(locale, 'en-US')).format(n),
  }
}
