// pdfkit (with its fonts and codecs) is loaded by the first PDF, not at start-up
import type PDFDocument from 'pdfkit'

/**
 * One way to make a PDF (MDF statements, remittance advices, certificates, plan exports).
 * Standard fonts only (Helvetica, WinAnsi): Indonesian and English text need nothing else,
 * and the text stays extractable by any reader (copy, search, screen readers).
 */
export type Pdf = PDFKit.PDFDocument

export type PdfOptions = {
  title: string
  author?: string
  layout?: 'portrait' | 'landscape'
  size?: string
  /** tests read the text back; production compresses */
  compress?: boolean
}

export async function renderPdf(options: PdfOptions, draw: (doc: Pdf) => void): Promise<Buffer> {
  const PdfKit: typeof PDFDocument = (await import('pdfkit')).default
  const doc = new PdfKit({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: 50,
    compress: options.compress ?? process.env.NODE_ENV === 'production',
    info: { Title: options.title, Author: options.author ?? 'Mitra', Producer: 'Mitra' },
    lang: undefined,
  })
  const chunks: Buffer[] = []
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    try {
      draw(doc)
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}

/** Label/value rows, two columns, for statement headers and summaries. */
export function keyValues(doc: Pdf, rows: [string, string][], options: { labelWidth?: number } = {}) {
  const x = doc.page.margins.left
  const labelWidth = options.labelWidth ?? 160
  const valueWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right - labelWidth
  for (const [label, value] of rows) {
    const y = doc.y
    doc.font('Helvetica-Bold').fontSize(10).text(label, x, y, { width: labelWidth - 10 })
    const afterLabel = doc.y
    doc.font('Helvetica').fontSize(10).text(value, x + labelWidth, y, { width: valueWidth })
    doc.y = Math.max(afterLabel, doc.y) + 2
  }
  doc.x = x
}

/** A simple table with a header row; columns are [header, width share, align]. */
export function table(doc: Pdf, columns: { header: string; share: number; align?: 'left' | 'right' }[], rows: string[][]) {
  const left = doc.page.margins.left
  const full = doc.page.width - left - doc.page.margins.right
  const widths = columns.map((c) => (full * c.share) / columns.reduce((s, k) => s + k.share, 0))
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage()
    const y = doc.y
    let x = left
    let bottom = y
    cells.forEach((cell, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).text(cell, x + 2, y, { width: widths[i] - 4, align: columns[i].align ?? 'left' })
      bottom = Math.max(bottom, doc.y)
      x += widths[i]
    })
    doc.y = bottom + 3
    doc.moveTo(left, doc.y - 1).lineTo(left + full, doc.y - 1).strokeColor('#cccccc').lineWidth(0.5).stroke()
  }
  line(columns.map((c) => c.header), true)
  for (const r of rows) line(r, false)
  doc.x = left
}

/** The response for a PDF download: attachment, exact type, nosniff, never cached by proxies. */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) || 'document.pdf'
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${safe}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
