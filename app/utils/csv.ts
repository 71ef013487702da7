/**
 * RFC 4180 CSV parsing, dependency-free so it can run in the browser (file previews) as well as in scripts.
 *
 * Accepts a little more than the RFC, the way spreadsheets write files in practice: LF or CRLF (or lone CR) line
 * ends, a UTF-8 byte-order mark, and a missing final line break. Quoted fields may hold commas, line breaks and
 * doubled quotes. Fields are returned exactly as written otherwise (no trimming), since whitespace can be data.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let inQuotes = false
  // true once the current record has any content, so a trailing line break does not produce an empty row
  let rowStarted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0

  for (; i < text.length; i++) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else field += c
      continue
    }
    if (c === '"') {
      inQuotes = true
      rowStarted = true
    } else if (c === ',') {
      row.push(field)
      field = ''
      rowStarted = true
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      rowStarted = false
    } else {
      field += c
      rowStarted = true
    }
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field')
  if (rowStarted) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
