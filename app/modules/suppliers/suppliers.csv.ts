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
const LIMIT_ENTRIES = Object.entries(LIMITS) as [CatalogColumn, number][]
const REQUIRED = ['sku', 'name', 'unit', 'price', 'currency'] as const
const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TRUE = new Set(['', '1', 'true', 'yes', 'ya', 'y', 'aktif', 'active'])
const FALSE = new Set(['0', 'false', 'no', 'tidak', 'n', 'nonaktif', 'inactive'])

// a catalog repeats a handful of dates over a million rows: remember the answers (bounded)
const dateAnswers = new Map<string, boolean>()
function isDate(s: string): boolean {
  const known = dateAnswers.get(s)
  if (known !== undefined) return known
  const m = DATE.exec(s)
  let ok = false
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
    ok = d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
  }
  if (dateAnswers.size >= 10_000) dateAnswers.clear()
  dateAnswers.set(s, ok)
  return ok
}

/**
 * A price as written in the file: decimal text in the currency's major unit, a dot as the decimal
 * mark and no grouping ("12500000", "12500000.00", "19.99"). Grouping is refused, not guessed: in a
 * file, "12.500" could be twelve and a half or twelve thousand five hundred.
 */
export function priceToMinor(text: string, currency: string): { ok: true; minor: number } | { ok: false; key: CsvMessageKey; params?: Record<string, string | number> } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return { ok: false, key: 'suppliers.csv.badPrice' }
  const digits = minorDigits(currency)
  const frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length > digits) return { ok: false, key: 'suppliers.csv.tooManyDecimals', params: { currency, digits } }
  const padded = (frac + '0'.repeat(digits)).slice(0, digits)
  // up to 15 integer digits a double holds the value exactly, and the product and sum stay exact
  // while they are at most MAX_SAFE_INTEGER (beyond, they round to more than it): no BigInt needed
  if (m[1].length <= 15) {
    const fast = Number(m[1]) * 10 ** digits + (padded ? Number(padded) : 0)
    if (fast > Number.MAX_SAFE_INTEGER) return { ok: false, key: 'suppliers.csv.priceTooLarge' }
    return { ok: true, minor: fast }
  }
  const minor = BigInt(m[1]) * 10n ** BigInt(digits) + BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0')
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, key: 'suppliers.csv.priceTooLarge' }
  return { ok: true, minor: Number(minor) }
}

// module-level helpers rather than closures made anew for each of a million rows
function pushError(errors: RowError[], rowNo: number, column: CatalogColumn, key: CsvMessageKey, params?: Record<string, string | number>) {
  errors.push({ rowNo, column, key, ...(params ? { params } : {}) })
}

const INTEGER = /^\d{1,9}$/
function readInt(v: Record<CatalogColumn, string>, c: CatalogColumn, min: number, fallback: number | null, errors: RowError[], rowNo: number): number | null {
  if (!v[c]) return fallback
  if (!INTEGER.test(v[c]) || Number(v[c]) < min) {
    pushError(errors, rowNo, c, 'suppliers.csv.badInteger', { min })
    return fallback
  }
  return Number(v[c])
}

/** Judges one record (the fields in header order). `rowNo` counts the header as row 1, as a spreadsheet shows it. */
export function validateRow(fields: readonly string[], rowNo: number, today: string): { line: StagedLine } | { errors: RowError[] } {
  if (fields.length !== CATALOG_COLUMNS.length) return { errors: [{ rowNo, column: null, key: 'suppliers.csv.columnCount', params: { expected: CATALOG_COLUMNS.length, found: fields.length } }] }
  // one object of a fixed shape per row (a million rows: no per-row arrays or entries)
  const v: Record<CatalogColumn, string> = {
    sku: fields[0].trim(),
    name: fields[1].trim(),
    description: fields[2].trim(),
    unit: fields[3].trim(),
    price: fields[4].trim(),
    currency: fields[5].trim(),
    min_order_qty: fields[6].trim(),
    lead_time_days: fields[7].trim(),
    category: fields[8].trim(),
    effective_from: fields[9].trim(),
    effective_to: fields[10].trim(),
    active: fields[11].trim(),
  }
  const errors: RowError[] = []

  for (const c of REQUIRED) if (!v[c]) pushError(errors, rowNo, c, 'suppliers.csv.required')
  for (const [c, max] of LIMIT_ENTRIES) if (v[c].length > max) pushError(errors, rowNo, c, 'suppliers.csv.tooLong', { max })
  if (v.sku && v.sku.length <= 64 && !SKU.test(v.sku)) pushError(errors, rowNo, 'sku', 'suppliers.csv.badSku')

  const currency = v.currency.toUpperCase()
  const currencyOk = /^[A-Z]{3}$/.test(currency) && KNOWN_CURRENCIES.has(currency)
  if (v.currency && !currencyOk) pushError(errors, rowNo, 'currency', 'suppliers.csv.badCurrency')
  let priceMinor = 0
  if (v.price) {
    const p = priceToMinor(v.price, currencyOk ? currency : 'IDR')
    if (p.ok) priceMinor = p.minor
    else pushError(errors, rowNo, 'price', p.key, p.params)
  }

  const minOrderQty = readInt(v, 'min_order_qty', 1, 1, errors, rowNo) ?? 1
  const leadTimeDays = readInt(v, 'lead_time_days', 0, null, errors, rowNo)

  if (v.effective_from && !isDate(v.effective_from)) pushError(errors, rowNo, 'effective_from', 'suppliers.csv.badDate')
  if (v.effective_to && !isDate(v.effective_to)) pushError(errors, rowNo, 'effective_to', 'suppliers.csv.badDate')
  const effectiveFrom = v.effective_from || today
  if (v.effective_to && isDate(v.effective_to) && isDate(effectiveFrom) && v.effective_to < effectiveFrom) pushError(errors, rowNo, 'effective_to', 'suppliers.csv.dateOrder')

  const active = v.active.toLowerCase()
  if (!TRUE.has(active) && !FALSE.has(active)) pushError(errors, rowNo, 'active', 'suppliers.csv.badActive')

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
