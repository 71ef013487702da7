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

/**
 * Rows to a streamed CSV: a UTF-8 BOM, then one batch of rows per pull, so a million-row export
 * holds one batch in memory at a time and the reader's pace sets the producer's (back-pressure).
 * `batches` yields arrays of rows (a header row first, if any).
 */
export function csvStream(batches: Iterator<readonly (readonly CsvCell[])[]> | AsyncIterator<readonly (readonly CsvCell[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode('\uFEFF'))
        return
      }
      const next = await batches.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(toCsv(next.value)))
    },
    async cancel() {
      await batches.return?.()
    },
  })
}

/** The response for a CSV download: attachment, UTF-8, never cached by proxies. */
export function csvResponse(body: ReadableStream<Uint8Array> | string, fileName: string): Response {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) || 'export.csv'
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${safe}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
