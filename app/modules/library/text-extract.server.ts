import zlib from 'node:zlib'

const MAX_TEXT = 200_000

/**
 * The readable text of a PDF, for the search index: the content streams are inflated
 * (FlateDecode) and the strings of their text operators (Tj, TJ, ', ") decoded as WinAnsi. Good
 * for PDFs written with the standard fonts (pdfkit, office exports); a PDF with embedded subset
 * fonts or scanned pages yields little or nothing, and the item stays findable by title and tags.
 */
export function extractPdfText(bytes: Uint8Array): string {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const latin = src.toString('latin1')
  const out: string[] = []
  let total = 0
  for (const m of latin.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const dict = m[1]
    const start = m.index! + m[0].length
    const end = latin.indexOf('endstream', start)
    if (end < 0) break
    if (/\/Subtype\s*\/Image/.test(dict)) continue
    let body: Buffer = src.subarray(start, end)
    if (/\/FlateDecode/.test(dict)) {
      try {
        body = zlib.inflateSync(body)
      } catch {
        continue
      }
    } else if (/\/Filter/.test(dict)) continue
    const text = textOperators(body.toString('latin1'))
    if (text) {
      out.push(text)
      total += text.length
      if (total > MAX_TEXT) break
    }
  }
  return out.join('\n').slice(0, MAX_TEXT).replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ')
}

function textOperators(stream: string): string {
  if (!/\bBT\b/.test(stream)) return ''
  const lines: string[] = []
  for (const block of stream.matchAll(/\bBT\b([^]*?)\bET\b/g)) {
    let line = ''
    for (const op of block[1].matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\.)*\))\s*(?:Tj|'|")/g)) {
      const parts = op[1] !== undefined ? op[1] : op[2]
      for (const p of parts.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:[^()\\]|\\.)*)\)|(-?\d+(?:\.\d+)?)/g)) {
        if (p[1] !== undefined) line += winAnsi(Buffer.from(p[1].replace(/\s+/g, ''), 'hex'))
        else if (p[2] !== undefined) line += unescapeLiteral(p[2])
        else if (op[1] !== undefined && Number(p[3]) < -200) line += ' '
      }
    }
    if (line.trim()) lines.push(line)
  }
  return lines.join('\n')
}

function unescapeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, c: string) => {
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8))
    return ({ n: '\n', r: '\r', t: '\t', b: '', f: '' } as Record<string, string>)[c] ?? c
  })
}

const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' }
function winAnsi(bytes: Buffer): string {
  let out = ''
  for (const b of bytes) out += WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)
  return out
}
