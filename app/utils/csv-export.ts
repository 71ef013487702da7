/**
 * CSV for exports: RFC 4180 quoting, and cells neutralised against formula injection
 * (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`, `@`, tab or carriage
 * return gets a leading `'`, so a spreadsheet shows it as text instead of running it
 * (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`, `@SUM(...)`).
 *
 * Numbers are written as numbers: a typed -5 is data, not a formula, and prefixing it would
 * turn it into text. A negative number that arrives as a string is neutralised like any text.
 * Lines end with CRLF, the record separator of RFC 4180. Dependency-free so the browser can
 * use it too; parseCsv in ./csv reads the output back.
 */
export type CsvCell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    text = String(value)
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Rows to CSV text. `bom: true` starts the file with a UTF-8 byte-order mark, which Excel
 * needs to read non-ASCII names (Bahasa Indonesia is mostly ASCII; customer names are not).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('')
  return (options.bom ? '\uFEFF' : '') + body
}
