/**
 * Reads the text back out of an uncompressed pdfkit PDF (renderPdf with compress: false), so a
 * test can assert what a reader would copy out of it. pdfkit writes standard-font text as hex
 * strings in TJ arrays, one text object per line; this decodes them in order (WinAnsi ≈ Latin-1).
 */
export function pdfText(bytes: Uint8Array): string {
  const src = Buffer.from(bytes).toString('latin1')
  const lines: string[] = []
  for (const block of src.matchAll(/BT([\s\S]*?)ET/g)) {
    let line = ''
    for (const arr of block[1].matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      for (const part of arr[1].matchAll(/<([0-9a-fA-F]*)>|(-?\d+(?:\.\d+)?)/g)) {
        if (part[1] !== undefined) line += winAnsi(Buffer.from(part[1], 'hex'))
        else if (Number(part[2]) < -200) line += ' '
      }
    }
    lines.push(line)
  }
  return lines.join('\n')
}

const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' }
function winAnsi(bytes: Buffer): string {
  let out = ''
  for (const b of bytes) out += WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)
  return out
}
