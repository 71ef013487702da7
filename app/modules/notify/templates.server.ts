import fs from 'node:fs'
import path from 'node:path'
import type { Locale } from '../../utils/i18n'

export type RenderedTemplate = { subject: string; summary: string; text: string }

const cache = new Map<string, { subject: string; summary: string; body: string }>()

function contentDir() {
  return path.resolve(process.env.MITRA_CONTENT_DIR ?? 'content')
}

/**
 * Email templates live in content/emails/<kind>.<locale>.md so the vendor can edit them
 * without touching code: a `subject:` line, an optional `summary:` line (the in-app
 * notification text), `---`, then the body. `{{name}}` placeholders are filled in.
 */
function load(kind: string, locale: Locale) {
  const key = `${kind}.${locale}`
  const hit = cache.get(key)
  if (hit && process.env.NODE_ENV === 'production') return hit
  if (!/^[a-z0-9_.-]+$/.test(kind)) throw new Error(`bad template name ${kind}`)
  const raw = fs.readFileSync(path.join(contentDir(), 'emails', `${key}.md`), 'utf8')
  const [head, ...rest] = raw.split(/^---\s*$/m)
  const field = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi'))?.[1]?.trim() ?? ''
  const parsed = { subject: field('subject'), summary: field('summary'), body: rest.join('---').trim() }
  cache.set(key, parsed)
  return parsed
}

export function renderTemplate(kind: string, locale: Locale, params: Record<string, string | number>): RenderedTemplate {
  const t = load(kind, locale)
  const fill = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  return { subject: fill(t.subject), summary: fill(t.summary), text: fill(t.body) + '\n' }
}
