import fs from 'node:fs'
import path from 'node:path'
import { micromark } from 'micromark'
import { NotFound } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { can, scopeOf, type Actor } from '../auth/actor'

/** Programme terms live in content/terms/<audience>.<locale>.md, edited by the vendor. */
export function programmeTerms(audience: 'partner' | 'supplier', locale: Locale): string {
  const file = path.resolve(process.env.MITRA_CONTENT_DIR ?? 'content', 'terms', `${audience}.${locale}.md`)
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/**
 * The programme terms page of a partner or supplier, as HTML. micromark's default is safe:
 * raw HTML in the file is escaped, not passed through, so the content folder cannot inject script.
 */
export function programmeTermsFor(actor: Actor): { audience: 'partner' | 'supplier'; html: string } {
  if (scopeOf(actor, 'read:home') !== 'own_org') throw new NotFound()
  const audience = can(actor, 'register:deal_registration', { orgId: actor.orgId }) ? 'partner' : 'supplier'
  const markdown = programmeTerms(audience, actor.locale)
  // rendered once per text: an operator's edit to the file shows on the next request
  const key = `${audience}.${actor.locale}`
  const cached = rendered.get(key)
  if (cached?.markdown === markdown) return { audience, html: cached.html }
  const html = micromark(markdown)
  rendered.set(key, { markdown, html })
  return { audience, html }
}
const rendered = new Map<string, { markdown: string; html: string }>()
