import fs from 'node:fs'
import path from 'node:path'
import type { Locale } from '../../utils/i18n'

/** Programme terms live in content/terms/<audience>.<locale>.md, edited by the vendor. */
export function programmeTerms(audience: 'partner' | 'supplier', locale: Locale): string {
  const file = path.resolve(process.env.MITRA_CONTENT_DIR ?? 'content', 'terms', `${audience}.${locale}.md`)
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
