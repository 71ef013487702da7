/** Blocking keys: under which keys a company record is indexed and looked up. Pure, browser-safe. */
import { prepareCompany, type CompanyRecord, type PreparedCompany } from './normalise'

// ---------------------------------------------------------------------------------------------------------------
// Blocking
// ---------------------------------------------------------------------------------------------------------------

/** Longest spelling (hard words joined) that gets one-deletion typo keys; bounds the key count. */
const MAX_DELETION_KEY_SOURCE = 22
/** Words of a long name used for pair keys: 5 words -> at most 10 pairs. */
const MAX_PAIR_WORDS = 5

/**
 * Keys under which a record is indexed and looked up, so candidates are found without a full scan: store
 * (key, account_id) rows, look up all of the candidate's keys, skip keys with too many rows, score the union.
 *
 * Why these keys. In an Indonesian CRM almost every single word is common (thousands of "Jaya", "Makmur",
 * "Sentosa"), so one-word keys would all be dropped by the per-key row cap and a lookup would find nothing.
 * Selectivity therefore comes from combinations, and tolerance from having several independent keys, so that any
 * single kind of variation still leaves at least one key intact. All keys are built after normalisation, so
 * case, accents, punctuation, legal forms, "Group" and known abbreviations never break them.
 * - `d:<domain>`, `n:<npwp>`: identity. They find "another name under the same domain" (acronyms, brand vs
 *   legal name: KAI / Kereta Api Indonesia, Indomaret / Indomarco Prismatama) that shares no word at all.
 * - `p:<w1>|<w2>`: every pair of hard words, sorted (weak words join only when there is a single hard word).
 *   Survives word order, an extra word on one side (the shared pairs remain) and, in names of 3+ words, a typo in
 *   one word (the pairs without it remain). For a two-word name the pair is the whole name.
 * - `e:<spelling>`: the hard words joined (ordered by first letter, so word order does not matter but a typo
 *   does not reorder them) plus every one-letter deletion of it: the symmetric-delete trick, two strings within
 *   one dropped, added, changed or swapped letter share a deletion variant. This is what catches a typo in a one-
 *   or two-word name, and in a three-word name whose only intact pair is over the cap. Only for names of 1-3 hard
 *   words and <= 22 letters; longer names have enough pairs, and it keeps the count down.
 * - `o:<spelling>`: the hard words (and all words) run together in typed order, and the domain's label: catches a
 *   name written as one word ("Cahayapersadadigital") or typed as a domain, and a name that is the other
 *   record's domain.
 * - `s:<words>`: all words sorted: the whole name in any word order, more selective than its pairs.
 * - `a:<initials>`: acronyms ("KAI" / "Kereta Api Indonesia"). Often over the cap in a big table, but cheap,
 *   and when they are dropped the domain key usually carries the match anyway.
 * Free-mail domains never produce a key (companyDomain drops them). About 10-30 keys per record, ~19 on average.
 */
export function blockingKeys(record: CompanyRecord | PreparedCompany): string[] {
  const p = prepareCompany(record)
  const keys = new Set<string>()
  if (p.domain) keys.add(`d:${p.domain}`)
  if (p.npwp) keys.add(`n:${p.npwp}`)
  if (p.compactHard) keys.add(`o:${p.compactHard}`)
  if (p.compactAll !== p.compactHard) keys.add(`o:${p.compactAll}`)
  // all the words in any order: the whole name, reordered ("Mandiri Maju" / "Maju Mandiri"), even when its word
  // pairs are too common to read
  if (p.tokens.length >= 2) keys.add(`s:${[...p.tokens].sort().join(' ')}`)
  if (p.domainLabel && p.domainLabel.length >= 5) keys.add(`o:${p.domainLabel}`)

  if (p.tokens.length >= 2) {
    // pairs of hard words; weak words only join in when there is a single hard word ("Telkom Indonesia").
    // Longer (more distinctive) words first when a name has more than MAX_PAIR_WORDS.
    const order = p.tokens.map((_, i) => i).filter((i) => p.hardCount < 2 || !p.soft[i])
    order.sort((i, j) => Number(p.soft[i]) - Number(p.soft[j]) || p.tokens[j]!.length - p.tokens[i]!.length || i - j)
    const words = [...new Set(order.slice(0, MAX_PAIR_WORDS).map((i) => p.tokens[i]!))].sort()
    for (let i = 0; i < words.length; i++)
      for (let j = i + 1; j < words.length; j++) keys.add(`p:${words[i]}|${words[j]}`)
  }

  if (p.hardCount >= 1 && p.hardCount <= 3 && p.typoKeySource.length >= 4 && p.typoKeySource.length <= MAX_DELETION_KEY_SOURCE) {
    const s = p.typoKeySource
    keys.add(`e:${s}`)
    for (let i = 0; i < s.length; i++) keys.add(`e:${s.slice(0, i)}${s.slice(i + 1)}`)
  }

  for (const initials of p.initials) if (initials.length >= 2 && initials.length <= 6) keys.add(`a:${initials}`)
  if (p.tokens.length === 1 && p.tokens[0]!.length >= 2 && p.tokens[0]!.length <= 6) keys.add(`a:${p.tokens[0]}`)
  return [...keys]
}


/** Prefix of the word keys that carry the word counts behind the rarity statistics (see rarityFromStats). */
export const WORD_KEY_PREFIX = 'w:'

/**
 * One key per distinct word of the name (folded, legal forms and filler removed): counted per record so the
 * matcher knows how common each word is among the accounts. Stored beside the blocking keys but never looked up.
 */
export function wordKeys(record: CompanyRecord | PreparedCompany): string[] {
  const p = prepareCompany(record)
  return [...new Set(p.tokens)].map((t) => `${WORD_KEY_PREFIX}${t}`)
}
