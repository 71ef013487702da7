import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { afterAll, describe, expect, it } from 'vitest'
import { checkUpload, downloadHeaders, sanitizeFileName, storeUpload, uploadPath, type UploadCheck, type UploadKind } from './upload.server'

// ---- real files, made here ---------------------------------------------------------

function pdfBytes(text = 'Invoice 2026-001'): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: false })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.text(text)
    doc.end()
  })
}

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
// SOI, a JFIF APP0 segment, a comment, EOI
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('photo'), Buffer.from([0xff, 0xd9])])
const CSV = Buffer.from('nama,kota\r\nPT Maju Jaya,Jakarta\r\nCV Sinar,Surabaya\r\n')

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(data: Buffer) {
  let c = 0xffffffff
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A ZIP with stored (uncompressed) entries, as an Office file is at heart. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(content)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    locals.push(local, nameBytes, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(Object.keys(entries).length, 8)
  eocd.writeUInt16LE(Object.keys(entries).length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}
const XLSX = zip({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' })

const file = (bytes: Buffer | string, name: string, type = 'application/octet-stream') => new File([typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)], name, { type })
const ALL: UploadKind[] = ['pdf', 'png', 'jpeg', 'csv', 'xlsx', 'zip']
const MB = 1024 * 1024
const refusedWith = (result: UploadCheck) => (result.ok ? 'accepted' : result.messageKey)

describe('checkUpload accepts real files by their bytes', () => {
  it.each([
    ['pdf', 'Faktur Pajak.pdf'],
    ['png', 'logo.PNG'],
    ['jpeg', 'foto.jpg'],
    ['jpeg', 'foto.jpeg'],
    ['csv', 'katalog.csv'],
    ['xlsx', 'katalog.xlsx'],
  ] as const)('%s named %s', async (kind, name) => {
    const bytes = { pdf: await pdfBytes(), png: PNG, jpeg: JPEG, csv: CSV, xlsx: XLSX }[kind]
    const result = await checkUpload(file(bytes, name), { maxBytes: 5 * MB, allow: ALL })
    expect(result).toMatchObject({ ok: true, kind, size: bytes.length })
    if (!result.ok) return
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(result.safeName.toLowerCase().endsWith(name.toLowerCase().split('.').pop()!)).toBe(true)
  })

  it('ignores the declared type: a PNG declared as a PDF is still a PNG', async () => {
    const result = await checkUpload(file(PNG, 'scan', 'application/pdf'), { maxBytes: MB, allow: ['pdf'] })
    expect(refusedWith(result)).toBe('errors.uploadType')
    const asPng = await checkUpload(file(PNG, 'scan', 'application/pdf'), { maxBytes: MB, allow: ['png'] })
    expect(asPng).toMatchObject({ ok: true, kind: 'png', mime: 'image/png', safeName: 'scan.png' })
  })
})

describe('checkUpload refuses', () => {
  it('an empty file', async () => {
    expect(refusedWith(await checkUpload(file('', 'empty.pdf'), { maxBytes: MB, allow: ALL }))).toBe('errors.uploadEmpty')
  })

  it('a file one byte over the cap, and says what the cap is', async () => {
    const bytes = await pdfBytes()
    const result = await checkUpload(file(bytes, 'big.pdf'), { maxBytes: bytes.length - 1, allow: ['pdf'] })
    expect(result).toMatchObject({ ok: false, messageKey: 'errors.uploadTooLarge', params: { max: expect.any(String) } })
    expect((await checkUpload(file(bytes, 'exact.pdf'), { maxBytes: bytes.length, allow: ['pdf'] })).ok).toBe(true)
  })

  it('a kind outside the allow-list, listing what is accepted', async () => {
    const result = await checkUpload(file(CSV, 'data.csv'), { maxBytes: MB, allow: ['pdf', 'png'] })
    expect(result).toEqual({ ok: false, messageKey: 'errors.uploadType', params: { kinds: 'PDF, PNG' } })
  })

  it('a .pdf that is really a PNG, and a .png that is really a PDF', async () => {
    expect(refusedWith(await checkUpload(file(PNG, 'invoice.pdf'), { maxBytes: MB, allow: ['pdf', 'png'] }))).toBe('errors.uploadTypeMismatch')
    expect(refusedWith(await checkUpload(file(await pdfBytes(), 'photo.png'), { maxBytes: MB, allow: ['pdf', 'png'] }))).toBe('errors.uploadTypeMismatch')
    // a double extension ending in another kind
    expect(refusedWith(await checkUpload(file(PNG, 'logo.png.exe'), { maxBytes: MB, allow: ['png'] }))).toBe('errors.uploadTypeMismatch')
  })

  it('an HTML page named .pdf, whatever it claims to be', async () => {
    const html = '<!DOCTYPE html><html><body><script>fetch("/profile")</script></body></html>'
    expect(refusedWith(await checkUpload(file(html, 'invoice.pdf', 'application/pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadUnsafe')
    expect(refusedWith(await checkUpload(file('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'logo.png'), { maxBytes: MB, allow: ['png'] }))).toBe('errors.uploadUnsafe')
    // markup without the markers is still not a PDF
    expect(refusedWith(await checkUpload(file('<p onclick="x()">hi</p>', 'invoice.pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadType')
  })

  it('a PDF whose first KB also holds a web page (a polyglot)', async () => {
    const pdf = await pdfBytes()
    const polyglot = Buffer.concat([pdf.subarray(0, 9), Buffer.from('%<html><body>hi</body></html>\n'), pdf.subarray(9)])
    expect(refusedWith(await checkUpload(file(polyglot, 'invoice.pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadUnsafe')
  })

  it('a PDF with a script anywhere, even far past the first KB', async () => {
    const pdf = await pdfBytes('x'.repeat(5000))
    const at = pdf.length - 200
    const polyglot = Buffer.concat([pdf.subarray(0, at), Buffer.from('% <SCRIPT>alert(document.cookie)</SCRIPT>\n'), pdf.subarray(at)])
    expect(polyglot.indexOf('<SCRIPT>')).toBeGreaterThan(2048)
    expect(refusedWith(await checkUpload(file(polyglot, 'invoice.pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadUnsafe')
  })

  it('an image with a PHP or HTML payload after a valid header', async () => {
    const phpInJpegComment = Buffer.concat([JPEG.subarray(0, 20), Buffer.from([0xff, 0xfe, 0x00, 0x20]), Buffer.from('<?php system($_GET["c"]); ?>'), JPEG.subarray(20)])
    expect(refusedWith(await checkUpload(file(phpInJpegComment, 'avatar.jpg'), { maxBytes: MB, allow: ['jpeg'] }))).toBe('errors.uploadUnsafe')
    const htmlAfterIend = Buffer.concat([PNG, Buffer.from('<html><img src=x onerror=alert(1)></html>')])
    expect(refusedWith(await checkUpload(file(htmlAfterIend, 'logo.png'), { maxBytes: MB, allow: ['png'] }))).toBe('errors.uploadUnsafe')
  })

  it('bytes appended after the end of a PNG, JPEG or PDF, even harmless-looking ones', async () => {
    const junk = Buffer.from('PK\x03\x04 appended archive')
    expect(refusedWith(await checkUpload(file(Buffer.concat([PNG, junk]), 'logo.png'), { maxBytes: MB, allow: ['png'] }))).toBe('errors.uploadDamaged')
    expect(refusedWith(await checkUpload(file(Buffer.concat([JPEG, junk]), 'foto.jpg'), { maxBytes: MB, allow: ['jpeg'] }))).toBe('errors.uploadDamaged')
    expect(refusedWith(await checkUpload(file(Buffer.concat([await pdfBytes(), junk]), 'a.pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadDamaged')
    // trailing padding is what real tools write, and is fine
    expect((await checkUpload(file(Buffer.concat([JPEG, Buffer.alloc(16)]), 'foto.jpg'), { maxBytes: MB, allow: ['jpeg'] })).ok).toBe(true)
  })

  it('a truncated file', async () => {
    expect(refusedWith(await checkUpload(file(PNG.subarray(0, 40), 'logo.png'), { maxBytes: MB, allow: ['png'] }))).toBe('errors.uploadDamaged')
    const pdf = await pdfBytes()
    expect(refusedWith(await checkUpload(file(pdf.subarray(0, pdf.length - 100), 'a.pdf'), { maxBytes: MB, allow: ['pdf'] }))).toBe('errors.uploadDamaged')
  })

  it('an archive whose entries would unpack outside their folder (zip slip)', async () => {
    for (const name of ['../../etc/cron.d/x', '/etc/passwd', 'C:\\Windows\\x.dll', 'xl/../../x']) {
      const evil = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', [name]: 'x' })
      expect(refusedWith(await checkUpload(file(evil, 'katalog.xlsx'), { maxBytes: MB, allow: ['xlsx', 'zip'] })), name).toBe('errors.uploadDamaged')
    }
  })

  it('a plain ZIP where only a spreadsheet is allowed', async () => {
    expect(refusedWith(await checkUpload(file(zip({ 'a.txt': 'x' }), 'katalog.xlsx'), { maxBytes: MB, allow: ['xlsx'] }))).toBe('errors.uploadType')
  })

  it('binary that is not text where a CSV is expected', async () => {
    expect(refusedWith(await checkUpload(file(Buffer.from([0x00, 0x01, 0x02, 0x41]), 'data.csv'), { maxBytes: MB, allow: ['csv'] }))).toBe('errors.uploadType')
    expect(refusedWith(await checkUpload(file(Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'data.csv'), { maxBytes: MB, allow: ['csv'] }))).toBe('errors.uploadType')
  })
})

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['invoice\0.pdf', 'invoice.pdf'],
    ['bad\u0007name\r\n.pdf', 'badname.pdf'],
    ['gpj\u202Eexe.pdf', 'gpjexe.pdf'],
    ['.htaccess', 'htaccess'],
    ['laporan q3.2026.final.pdf', 'laporan q3_2026_final.pdf'],
    ['<script>alert(1)</script>.pdf', 'script.pdf'],
    ['"><img src=x onerror=alert(1)>.pdf', 'img src_x onerror_alert(1).pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['', 'file'],
    ['Faktur Pajak – Mei.PDF', 'Faktur Pajak – Mei.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected)
  })

  it('keeps names short and gives them the extension of their real kind', () => {
    expect(sanitizeFileName('a'.repeat(500) + '.pdf')).toBe('a'.repeat(100) + '.pdf')
    expect(sanitizeFileName('scan', 'png')).toBe('scan.png')
    expect(sanitizeFileName('foto.JPEG', 'jpeg')).toBe('foto.jpeg')
  })

  it('is what checkUpload returns for a hostile name', async () => {
    const result = await checkUpload(file(PNG, '../../var/www/html/shell.php.png'), { maxBytes: MB, allow: ['png'] })
    expect(result).toMatchObject({ ok: true, safeName: 'shell_php.png' })
  })
})

describe('storeUpload', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-upload-test-'))
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('writes the bytes under DATA_DIR/uploads with a generated name, owner-only', async () => {
    const accepted = await checkUpload(file(PNG, '../../etc/passwd.png'), { maxBytes: MB, allow: ['png'] })
    if (!accepted.ok) throw new Error(accepted.messageKey)
    const stored = storeUpload(accepted, { dataDir })
    expect(stored.id).toMatch(/^[a-z0-9]{24}$/)
    const where = uploadPath(stored.id, { dataDir })
    expect(path.dirname(where)).toBe(path.join(dataDir, 'uploads'))
    expect(fs.readFileSync(where).equals(PNG)).toBe(true)
    expect(fs.statSync(where).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([stored.id])
    // a second store of the same file is a second file, not an overwrite
    expect(storeUpload(accepted, { dataDir }).id).not.toBe(stored.id)
  })

  it('accepts only generated ids when reading back', () => {
    for (const id of ['../secret', 'abc/def', '..', '', 'a'.repeat(200)]) expect(() => uploadPath(id, { dataDir })).toThrow()
  })

  it('serves a stored file as a sandboxed download, never inline', () => {
    const headers = downloadHeaders({ mime: 'application/pdf', size: 10, safeName: 'Faktur “Mei”.pdf' })
    expect(headers['Content-Disposition']).toBe(`attachment; filename="Faktur _Mei_.pdf"; filename*=UTF-8''Faktur%20%E2%80%9CMei%E2%80%9D.pdf`)
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['Content-Security-Policy']).toContain('sandbox')
  })
})
