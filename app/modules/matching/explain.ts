/** Every match explained in words, in English and Bahasa Indonesia. Pure, browser-safe. */
import type { MatchReason } from './normalise'

type Locale = 'en' | 'id'

// ---------------------------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------------------------

/** Collapses odd whitespace so a name typed with double spaces still reads cleanly in a sentence. */
function tidy(s: string): string {
  return s.trim().split(/\s+/).join(' ')
}

/** One human-readable sentence per reason, in English or Bahasa Indonesia. */
export function describeReason(reason: MatchReason, locale: Locale): string {
  const id = locale === 'id'
  switch (reason.kind) {
    case 'same_domain':
      return id ? `domain sama ${reason.domain}` : `same domain ${reason.domain}`
    case 'related_domain':
      return id
        ? `domain serupa ${reason.a} / ${reason.b}`
        : `related domains ${reason.a} / ${reason.b}`
    case 'different_domain':
      return id
        ? `domain berbeda ${reason.a} / ${reason.b}`
        : `different domains ${reason.a} / ${reason.b}`
    case 'same_npwp':
      return id ? 'NPWP sama' : 'same NPWP'
    case 'different_npwp':
      return id ? 'NPWP berbeda' : 'different NPWP'
    case 'same_name':
      return id
        ? `nama sama '${reason.name}' (tanpa bentuk usaha, huruf besar/kecil, dan tanda baca)`
        : `same name '${reason.name}' (ignoring legal form, case and punctuation)`
    case 'name_similar':
      return id
        ? `nama ${reason.percent}% mirip: '${tidy(reason.a)}' / '${tidy(reason.b)}'`
        : `name ${reason.percent}% similar: '${tidy(reason.a)}' / '${tidy(reason.b)}'`
    case 'acronym':
      return id
        ? `'${tidy(reason.acronym)}' adalah singkatan dari '${tidy(reason.name)}'`
        : `'${tidy(reason.acronym)}' is an acronym of '${tidy(reason.name)}'`
    case 'name_in_domain':
      return id
        ? `nama '${tidy(reason.name)}' sesuai dengan domain ${reason.domain}`
        : `name '${tidy(reason.name)}' matches domain ${reason.domain}`
  }
}

