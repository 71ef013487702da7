/**
 * The one gate for uploaded files (supplier documents, MDF claim proofs, catalog imports).
 *
 * checkUpload() decides what a file IS from its bytes — never from its name or the type the
 * browser declared — and refuses:
 *   - an empty file, or one over the caller's size cap;
 *   - a kind outside the caller's allow-list;
 *   - a name whose extension says another kind than the content (`invoice.pdf` that is a PNG);
 *   - a damaged file, or one with bytes appended after its end marker (PDF `%%EOF`, PNG
 *     `IEND`, JPEG EOI): appended bytes are where polyglot payloads live;
 *   - a polyglot: markup a browser would treat as a web page.
 *
 * The polyglot rule: the first 2048 bytes (the 1445-byte window browsers sniff, with margin)
 * may not contain `<script`, `<html`, `<!doctype html`, `<head`, `<body`, `<svg`, `<iframe`,
 * `<object`, `<embed` or `<?php`, in any case; and the executable ones, `<script` and `<?php`,
 * may appear nowhere in the file. Longer markers keep false alarms in compressed data
 * negligible (`<script` is 7 fixed bytes). It is defence in depth, not the only control:
 * stored files are served through downloadHeaders(), as attachments with nosniff and a
 * sandboxing CSP, so even a file that slips through never runs as our origin. What it does not
 * see: script inside compressed PDF object streams — PDFs are never rendered inline.
 *
 * storeUpload() writes an accepted file under DATA_DIR/uploads/<random id>, outside the web
 * root and under a generated name; the cleaned original name is metadata for downloads only.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { getEnv } from './env.server'
import type { MessageKey } from './i18n'
import { newId } from './ids'

export const UPLOAD_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  csv: { mime: 'text/csv', extensions: ['csv'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  zip: { mime: 'application/zip', extensions: ['zip'] },
} as const satisfies Record<string, { mime: string; extensions: readonly string[] }>
export type UploadKind = keyof typeof UPLOAD_KINDS

export type UploadAccepted = {
  ok: true
  kind: UploadKind
  mime: string
  size: number
  sha256: string
  /** the original name, cleaned, with the extension of its real kind: for Content-Disposition only */
  safeName: string
  bytes: Uint8Array
}
export type UploadRefused = { ok: false; messageKey: MessageKey; params?: Record<string, string | number> }
export type UploadCheck = UploadAccepted | UploadRefused

export type UploadRules = { maxBytes: number; allow: readonly UploadKind[] }

const HEAD_WINDOW = 2048
const HEAD_MARKERS = ['<script', '<html', '<!doctype html', '<head', '<body', '<svg', '<iframe', '<object', '<embed', '<?php']
const ANYWHERE_MARKERS = ['<script', '<?php']

const refuse = (messageKey: MessageKey, params?: Record<string, string | number>): UploadRefused => ({ ok: false, messageKey, ...(params ? { params } : {}) })

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0) {
  if (bytes.length < at + signature.length) return false
  return signature.every((b, i) => bytes[at + i] === b)
}

/** Case-insensitive search for ASCII markers in raw bytes (latin1 keeps one char per byte). */
function containsMarker(bytes: Uint8Array, markers: readonly string[]): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').toLowerCase()
  return markers.some((m) => text.includes(m))
}

const isPadding = (b: number) => b === 0x00 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d

/** Index just past the content once trailing NUL/whitespace padding is dropped. */
function contentEnd(bytes: Uint8Array) {
  let end = bytes.length
  while (end > 0 && isPadding(bytes[end - 1])) end--
  return end
}

function pdfIsWhole(bytes: Uint8Array): boolean {
  const end = contentEnd(bytes)
  return end >= 5 && Buffer.from(bytes.subarray(end - 5, end)).toString('latin1') === '%%EOF'
}

/** Walks the PNG chunks from IHDR to IEND: the file must end exactly there. */
function pngIsWhole(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 8
  let first = true
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at)
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1')
    if (first && type !== 'IHDR') return false
    first = false
    const next = at + 12 + length
    if (next > bytes.length) return false
    if (type === 'IEND') return next === bytes.length
    at = next
  }
  return false
}

function jpegIsWhole(bytes: Uint8Array): boolean {
  const end = contentEnd(bytes)
  return end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9
}

/** Entry names from a ZIP's central directory, or null when it is not a readable ZIP. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // the end-of-central-directory record sits in the last 22 + 65535 (comment) bytes
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = view.getUint16(eocd + 10, true)
  const cdSize = view.getUint32(eocd + 12, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  if (cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return null // ZIP64 or inconsistent
  // nothing may follow the archive but its own comment
  if (eocd + 22 + view.getUint16(eocd + 20, true) !== bytes.length) return null
  const names: string[] = []
  let at = cdOffset
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    names.push(Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'))
    at += 46 + nameLength + extraLength + commentLength
  }
  return names
}

/** `../x`, `/etc/x`, `C:\x`: an entry that would land outside the folder it is unpacked into. */
const escapesFolder = (name: string) => /(^|[\\/])\.\.([\\/]|$)/.test(name) || /^([\\/]|[a-zA-Z]:)/.test(name) || name.includes('\0')

type Sniffed = { kind: UploadKind } | { damaged: true } | null

function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return pdfIsWhole(bytes) ? { kind: 'pdf' } : { damaged: true } // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return pngIsWhole(bytes) ? { kind: 'png' } : { damaged: true }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegIsWhole(bytes) ? { kind: 'jpeg' } : { damaged: true }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(bytes)
    if (!names || names.some(escapesFolder)) return { damaged: true }
    if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return { kind: 'xlsx' }
    if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/'))) return { kind: 'docx' }
    return { kind: 'zip' }
  }
  if (isPlainText(bytes)) return { kind: 'csv' }
  return null
}

/** UTF-8 text with no NUL or control characters but tab, CR, LF: what a CSV export contains. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)
}

/**
 * A file name safe to show and to put in Content-Disposition: the last path component, no
 * control, bidi or zero-width characters (U+202E makes `gpj.exe` read `exe.jpg`), letters,
 * digits, dashes, spaces and `._()` only, one dot before the extension, no reserved Windows device name,
 * at most 100 characters before the extension.
 */
export function sanitizeFileName(original: string, kind?: UploadKind): string {
  const lastPart = original.normalize('NFC').split(/[\\/]/).pop() ?? ''
  const visible = lastPart.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
  const dot = visible.lastIndexOf('.')
  let base = dot > 0 ? visible.slice(0, dot) : visible
  let ext = dot > 0 ? visible.slice(dot + 1).toLowerCase() : ''
  const clean = (s: string) =>
    s
      .replace(/[^\p{L}\p{M}\p{N}\p{Pd} ._()]/gu, '_')
      .replace(/\./g, '_')
      .replace(/\s+/g, ' ')
      .replace(/_+/g, '_')
      .replace(/^[\s_.-]+|[\s_.]+$/g, '')
  base = [...clean(base)].slice(0, 100).join('')
  ext = clean(ext).replace(/[^a-z0-9]/g, '').slice(0, 10)
  if (!base) base = 'file'
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(base)) base = `_${base}`
  if (kind && !(UPLOAD_KINDS[kind].extensions as readonly string[]).includes(ext)) ext = UPLOAD_KINDS[kind].extensions[0]
  return ext ? `${base}.${ext}` : base
}

function extensionOf(name: string): string | null {
  const last = name.split(/[\\/]/).pop() ?? ''
  const visible = last.replace(/[\u0000-\u001f\u007f\s]+$/g, '')
  const dot = visible.lastIndexOf('.')
  return dot > 0 ? visible.slice(dot + 1).toLowerCase() : null
}

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`
}

/** Checks a file from `request.formData()` against the caller's size cap and allow-list. */
export async function checkUpload(file: Blob, rules: UploadRules, name = (file as Partial<File>).name ?? ''): Promise<UploadCheck> {
  if (file.size === 0) return refuse('errors.uploadEmpty')
  if (file.size > rules.maxBytes) return refuse('errors.uploadTooLarge', { max: formatBytes(rules.maxBytes) })
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length === 0) return refuse('errors.uploadEmpty')
  if (bytes.length > rules.maxBytes) return refuse('errors.uploadTooLarge', { max: formatBytes(rules.maxBytes) })
  const kinds = rules.allow.map((k) => UPLOAD_KINDS[k].extensions[0].toUpperCase()).join(', ')

  if (containsMarker(bytes.subarray(0, HEAD_WINDOW), HEAD_MARKERS) || containsMarker(bytes, ANYWHERE_MARKERS)) return refuse('errors.uploadUnsafe')
  const sniffed = sniff(bytes)
  if (sniffed && 'damaged' in sniffed) return refuse('errors.uploadDamaged')
  if (!sniffed || !rules.allow.includes(sniffed.kind)) return refuse('errors.uploadType', { kinds })
  const kind = sniffed.kind

  const ext = extensionOf(name)
  if (ext !== null && !(UPLOAD_KINDS[kind].extensions as readonly string[]).includes(ext)) return refuse('errors.uploadTypeMismatch')

  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { ok: true, kind, mime: UPLOAD_KINDS[kind].mime, size: bytes.length, sha256, safeName: sanitizeFileName(name, kind), bytes }
}

const STORED_ID = /^[a-z0-9]{16,40}$/

function uploadsDir(dataDir = getEnv().DATA_DIR) {
  return path.resolve(dataDir, 'uploads')
}

/** Where a stored upload lives. Only generated ids are accepted, so a path cannot be smuggled in. */
export function uploadPath(id: string, options: { dataDir?: string } = {}): string {
  if (!STORED_ID.test(id)) throw new Error('not an upload id')
  return path.join(uploadsDir(options.dataDir), id)
}

export type StoredUpload = { id: string; kind: UploadKind; mime: string; size: number; sha256: string; safeName: string }

/**
 * Writes an accepted upload under DATA_DIR/uploads/<random id> (owner-only permissions, never
 * overwriting). Record the returned metadata in the module's table; serve it with downloadHeaders().
 */
export function storeUpload(accepted: UploadAccepted, options: { dataDir?: string } = {}): StoredUpload {
  const dir = uploadsDir(options.dataDir)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const id = newId()
  fs.writeFileSync(uploadPath(id, options), accepted.bytes, { flag: 'wx', mode: 0o600 })
  return { id, kind: accepted.kind, mime: accepted.mime, size: accepted.size, sha256: accepted.sha256, safeName: accepted.safeName }
}

/** Headers for sending a stored upload back: a download, never a page of our origin. */
export function downloadHeaders(upload: Pick<StoredUpload, 'mime' | 'size' | 'safeName'>): Record<string, string> {
  const ascii = upload.safeName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return {
    'Content-Type': upload.mime,
    'Content-Length': String(upload.size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(upload.safeName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  }
}
