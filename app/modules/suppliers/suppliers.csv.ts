// One catalog row read and judged: browser-safe and pure, so the CSV upload, the JSON API and the
// command validate exactly alike. A row is either a staged line or a list of (column, message).
import { minorDigits } from '../../utils/money'

// ISO 4217 codes the runtime knows (Intl accepts any three letters when formatting, so ask the list)
const KNOWN_CURRENCIES = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['IDR', 'USD', 'SGD', 'EUR', 'MYR', 'AUD', 'JPY', 'CNY', 'GBP', 'THB', 'PHP', 'VND'])

export const CATALOG_COLUMNS = ['sku', 'name', 'description', 'unit', 'price', 'currency', 'min_order_qty', 'lead_time_days', 'category', 'effective_from', 'effective_to', 'active'] as const
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number]

export type StagedLine = {
  sku: string
  rowNo: number
  name: string
  description: string | null
  unit: string
  priceMinor: number
  currency: string
  minOrderQty: number
  leadTimeDays: number | null
  category: string | null
  effectiveFrom: string
  effectiveTo: string | null
  active: 0 | 1
}

export type RowError = { rowNo: number; column: CatalogColumn | null; key: CsvMessageKey; params?: Record<string, string | number> }

export type CsvMessageKey =
  | 'suppliers.csv.required'
  | 'suppliers.csv.tooLong'
  | 'suppliers.csv.badSku'
  | 'suppliers.csv.badPrice'
  | 'suppliers.csv.tooManyDecimals'
  | 'suppliers.csv.priceTooLarge'
  | 'suppliers.csv.badCurrency'
  | 'suppliers.csv.badInteger'
  | 'suppliers.csv.badDate'
  | 'suppliers.csv.dateOrder'
  | 'suppliers.csv.badActive'
  | 'suppliers.csv.duplicateSku'
  | 'suppliers.csv.columnCount'

const LIMITS: Partial<Record<CatalogColumn, number>> = { sku: 64, name: 200, description: 2000, unit: 20, category: 100 }
const LIMIT_LIST = Object.entries(LIMITS) as [CatalogColumn, number][]
const REQUIRED = ['sku', 'name', 'unit', 'price', 'currency'] as const
const PRICE = /^(\d+)(?:\.(\d+))?$/
const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TRUE = new Set(['', '1', 'true', 'yes', 'ya', 'y', 'aktif', 'active'])
const FALSE = new Set(['0', 'false', 'no', 'tidak', 'n', 'nonaktif', 'inactive'])

function isDate(s: string): boolean {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

/**
 * A price as written in the file: decimal text in the currency's major unit, a dot as the decimal
 * mark and no grouping ("12500000", "12500000.00", "19.99"). Grouping is refused, not guessed: in a
 * file, "12.500" could be twelve and a half or twelve thousand five hundred.
 */
export function priceToMinor(text: string, currency: string): { ok: true; minor: number } | { ok: false; key: CsvMessageKey; params?: Record<string, string | number> } {
  const m = PRICE.exec(text)
  if (!m) return { ok: false, key: 'suppliers.csv.badPrice' }
  const digits = minorDigits(currency)
  const frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length > digits) return { ok: false, key: 'suppliers.csv.tooManyDecimals', params: { currency, digits } }
  // the common case in plain numbers (exact below 2^53); BigInt only for long figures
  if (m[1].length <= 12) return { ok: true, minor: Number(m[1]) * 10 ** digits + Number((frac + '000').slice(0, digits) || '0') }
  const minor = BigInt(m[1]) * 10n ** BigInt(digits) + BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0')
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, key: 'suppliers.csv.priceTooLarge' }
  return { ok: true, minor: Number(minor) }
}

/** Judges one record (the fields in header order). `rowNo` counts the header as row 1, as a spreadsheet shows it. */
export function validateRow(fields: readonly string[], rowNo: number, today: string): { line: StagedLine } | { errors: RowError[] } {
  if (fields.length !== CATALOG_COLUMNS.length) return { errors: [{ rowNo, column: null, key: 'suppliers.csv.columnCount', params: { expected: CATALOG_COLUMNS.length, found: fields.length } }] }
  // a plain loop: this runs a million times for a large file
  const v = {} as Record<CatalogColumn, string>
  for (let i = 0; i < CATALOG_COLUMNS.length; i++) v[CATALOG_COLUMNS[i]] = (fields[i] ?? '').trim()
  const errors: RowError[] = []
  const err = (column: CatalogColumn, key: CsvMessageKey, params?: Record<string, string | number>) => errors.push({ rowNo, column, key, ...(params ? { params } : {}) })

  for (const c of REQUIRED) if (!v[c]) err(c, 'suppliers.csv.required')
  for (const [c, max] of LIMIT_LIST) if (v[c].length > max) err(c, 'suppliers.csv.tooLong', { max })
  if (v.sku && v.sku.length <= 64 && !SKU.test(v.sku)) err('sku', 'suppliers.csv.badSku')

  const currency = v.currency.toUpperCase()
  const currencyOk = /^[A-Z]{3}$/.test(currency) && KNOWN_CURRENCIES.has(currency)
  if (v.currency && !currencyOk) err('currency', 'suppliers.csv.badCurrency')
  let priceMinor = 0
  if (v.price) {
    const p = priceToMinor(v.price, currencyOk ? currency : 'IDR')
    if (p.ok) priceMinor = p.minor
    else err('price', p.key, p.params)
  }

  const int = (c: CatalogColumn, min: number, fallback: number | null): number | null => {
    if (!v[c]) return fallback
    if (!/^\d{1,9}$/.test(v[c]) || Number(v[c]) < min) {
      err(c, 'suppliers.csv.badInteger', { min })
      return fallback
    }
    return Number(v[c])
  }
  const minOrderQty = int('min_order_qty', 1, 1) ?? 1
  const leadTimeDays = int('lead_time_days', 0, null)

  if (v.effective_from && !isDate(v.effective_from)) err('effective_from', 'suppliers.csv.badDate')
  if (v.effective_to && !isDate(v.effective_to)) err('effective_to', 'suppliers.csv.badDate')
  const effectiveFrom = v.effective_from || today
  if (v.effective_to && isDate(v.effective_to) && isDate(effectiveFrom) && v.effective_to < effectiveFrom) err('effective_to', 'suppliers.csv.dateOrder')

  const active = v.active.toLowerCase()
  if (!TRUE.has(active) && !FALSE.has(active)) err('active', 'suppliers.csv.badActive')

  if (errors.length) return { errors }
  return {
    line: {
      sku: v.sku,
      rowNo,
      name: v.name,
      description: v.description || null,
      unit: v.unit,
      priceMinor,
      currency,
      minOrderQty,
      leadTimeDays,
      category: v.category || null,
      effectiveFrom,
      effectiveTo: v.effective_to || null,
      active: FALSE.has(active) ? 0 : 1,
    },
  }
}

/** Comma or semicolon, from the first line of the file (outside quotes): spreadsheets in Indonesian locales write semicolons. */
export function detectDelimiter(head: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const c of head) {
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && c === ',') commas++
    else if (!quoted && c === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}
