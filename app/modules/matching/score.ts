/**
 * Scoring two prepared company records: word alignment with typo tolerance, identity evidence (domain, NPWP), and
 * the conflict search over a pool. Pure and dependency-free (runs in the browser too).
 */
import { foldSpelling, prepareCompany, type CompanyRecord, type Conflict, type MatchReason, type PreparedCompany } from './normalise'

// ---------------------------------------------------------------------------------------------------------------
// Tunables. Hand-set round numbers expressing "how much doubt does this variation add", not fitted values. The
// score reads as 1 minus the doubts; the threshold allows roughly two small doubts (two typos, or a typo plus a
// reordering) but not a typo on top of two different corporate domains. On sample.csv every match scores >= 0.9
// and every non-match <= 0.55, so the threshold sits in a wide gap (checked with k-fold in
// scripts/eval-conflicts-pure.ts --cv=5, and against synthetic variations of the sample's names).
// ---------------------------------------------------------------------------------------------------------------

/** score >= threshold means "report as a conflict". */
export const DEFAULT_CONFLICT_THRESHOLD = 0.8

/** Identity evidence (same domain / NPWP) puts the score at least here; the name decides the rest (ranking). */
const IDENTITY_FLOOR = 0.9
/** A name that is only an acronym of the other is weak alone (initials collide: BCA Finance is not Bank Central
 * Asia); it needs a shared domain to become a conflict, so it stays under the threshold. */
const ACRONYM_ONLY_SCORE = 0.7
/** ...unless the company with the long name also uses the acronym as its domain (ANN / Abadi Nusantara Niaga,
 * ann.co.id): two independent facts agree, which is as good as a name match. */
const ACRONYM_IN_DOMAIN_SCORE = 0.85
/** The name run together is the other record's own domain label: nearly as good as a shared domain. */
const NAME_IN_DOMAIN_SCORE = 0.88
/** Names that cannot be reconciled word-for-word are capped well under the threshold, however much they overlap. */
const UNRECONCILED_CAP = 0.75
const TYPO_SIM = 0.9
/** A changed letter is accepted only in long words (see tokenSimilarity), and costs a bit more than a dropped one. */
const SUBSTITUTION_SIM = 0.85
/** Two typos in one long word (10+ letters) still read as that word. */
const DOUBLE_TYPO_SIM = 0.8
const ABBREVIATION_SIM = 0.95
/** A consonant contraction ("Svcs" for "Services", "Mfg" for "Manufacturing") not in the abbreviation list. */
const CONTRACTION_SIM = 0.9
const REORDER_PENALTY = 0.03
/** A typo in a one-word name costs extra: one-word names are short and generic. */
const ONE_WORD_TYPO_PENALTY = 0.05
/** Written run together vs in words ("Cahayapersadadigital"). */
const SPACING_PENALTY = 0.03
/** An extra weak word on one side ("... Indonesia", "... Jakarta") is normal variation. */
const EXTRA_SOFT_PENALTY = 0.04
/** Different cities/regions on both sides usually means different companies (or at least different entities). */
const CONFLICTING_SOFT_PENALTY = 0.25
/** Two different corporate domains: an exact name survives it, a name that also needs a typo fix does not. */
const DIFFERENT_DOMAIN_PENALTY = 0.15
/** Two different taxpayers: sinks even an exact name or a shared domain under the threshold. */
const DIFFERENT_NPWP_PENALTY = 0.3

// ---------------------------------------------------------------------------------------------------------------
// Token similarity
// ---------------------------------------------------------------------------------------------------------------

/** Scratch rows for the edit distance, reused across calls to keep scoring allocation-free. */
let rowA = new Int32Array(64)
let rowB = new Int32Array(64)
let rowC = new Int32Array(64)

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), giving up above `max`. */
function osaDistance(a: string, b: string, max: number): number {
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > max) return max + 1
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb + 1)
    rowB = new Int32Array(lb + 1)
    rowC = new Int32Array(lb + 1)
  }
  let prev2 = rowA // row i-2
  let prev = rowB // row i-1
  let cur = rowC // row i
  for (let j = 0; j <= lb; j++) prev[j] = j
  for (let i = 1; i <= la; i++) {
    cur[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1)
      const cost = ca === cb ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  return prev[lb]!
}

/** True when equal-length a and b differ only by one swap of neighbouring letters. */
function isTransposition(a: string, b: string): boolean {
  let i = 0
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (i + 1 >= a.length || a.charCodeAt(i) !== b.charCodeAt(i + 1) || a.charCodeAt(i + 1) !== b.charCodeAt(i)) return false
  for (let k = i + 2; k < a.length; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false
  return true
}

/** Set by tokenSimilarity: whether its last non-zero answer was an abbreviation rather than a typo. */
let lastWasAbbreviation = false

/**
 * How alike two words are, 0..1. Typos are what fat fingers do: a dropped, doubled or swapped letter. A changed
 * letter in a short word is NOT accepted as a typo, because that is how different real words look (Baru / Biru,
 * Jaya / Raya); only long words may carry one.
 */
function tokenSimilarity(a: string, b: string, aDotted: boolean, bDotted: boolean): number {
  lastWasAbbreviation = false
  if (a === b) return 1
  // explicit abbreviation: "Logist." for "Logistik"
  if ((aDotted && a.length >= 2 && b.length > a.length && b.startsWith(a)) || (bDotted && b.length >= 2 && a.length > b.length && a.startsWith(b))) {
    lastWasAbbreviation = true
    return ABBREVIATION_SIM
  }
  const minLen = Math.min(a.length, b.length)
  const maxLen = Math.max(a.length, b.length)
  if (minLen < 3 || maxLen < 4) return 0
  // digits are identifiers (Sinar 88 vs Sinar 89): never typo-match them
  if (hasDigit(a) || hasDigit(b)) return 0
  // undotted contraction of a longer word: first letter kept, then consonants only, in order ("Svcs" / "Services",
  // "Tlkm" / "Telekomunikasi"). Undotted prefixes and contractions with vowels are NOT accepted: those are how
  // different real words relate (Nusa / Nusantara, Inti / Informatika, Prima / Prismatama).
  // (3-letter ones are left out: those are usually acronyms, Mss / Makassar)
  if (minLen >= 4 && maxLen <= MAX_WORD_LENGTH && 2 * minLen <= maxLen) {
    const short = a.length < b.length ? a : b
    if (isConsonantContraction(short, short === a ? b : a)) {
      lastWasAbbreviation = true
      return CONTRACTION_SIM
    }
  }
  // a typo practically never hits the first letter of a short word (Tama / Utama are two words)
  if (maxLen < 7 && a.charCodeAt(0) !== b.charCodeAt(0)) return 0
  const d = osaDistance(a, b, 2)
  if (d === 1) {
    if (a.length !== b.length) return TYPO_SIM // dropped or doubled letter (Jaya / Jya included)
    if (isTransposition(a, b)) return minLen >= 4 ? TYPO_SIM : 0
    return minLen >= 7 ? SUBSTITUTION_SIM : 0 // Sehati / Sejati are two words; Sentral / Central one
  }
  if (d === 2 && minLen >= 10) return DOUBLE_TYPO_SIM
  return 0
}

/** Longest plausible single word; longer tokens are names run together, not words to abbreviate. */
const MAX_WORD_LENGTH = 14
const VOWELS = 'aeiouy'

/** `short` is `long`'s first letter followed by some of its consonants, in order. */
function isConsonantContraction(short: string, long: string): boolean {
  if (short.charCodeAt(0) !== long.charCodeAt(0)) return false
  let j = 1
  for (let i = 1; i < short.length; i++) {
    const c = short.charCodeAt(i)
    if (VOWELS.includes(short[i]!)) return false
    while (j < long.length && long.charCodeAt(j) !== c) j++
    if (j === long.length) return false
    j++
  }
  return true
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) return true
  }
  return false
}

// ---------------------------------------------------------------------------------------------------------------
// Name comparison
// ---------------------------------------------------------------------------------------------------------------

type NameComparison = { score: number; identical: boolean }

/** Scratch for the alignment; names longer than this are compared on their first MAX_TOKENS words. */
const MAX_TOKENS = 24
const matchA = new Int32Array(MAX_TOKENS)
const matchB = new Int32Array(MAX_TOKENS)
const simScratch = new Float64Array(MAX_TOKENS * MAX_TOKENS)
/** Parallel to simScratch: 1 when the similarity is an abbreviation, not a typo. */
const abbrevScratch = new Uint8Array(MAX_TOKENS * MAX_TOKENS)

/**
 * Aligns the words of two names one-to-one (order ignored), best pairs first, then scores:
 * - every hard word reconciled: 1 minus small costs for typos, reordering and weak-word differences;
 * - otherwise: a Dice overlap capped under the threshold, kept only so reasons can show how close it was.
 * A name written run together ("Cahayapersadadigital") is compared on its letters instead.
 */
function compareNames(A: PreparedCompany, B: PreparedCompany): NameComparison {
  const na = Math.min(A.tokens.length, MAX_TOKENS)
  const nb = Math.min(B.tokens.length, MAX_TOKENS)
  if (na === 0 || nb === 0) return { score: 0, identical: false }

  let identical = na === nb
  for (let i = 0; identical && i < na; i++) if (A.tokens[i] !== B.tokens[i]) identical = false
  if (identical) return { score: 1, identical: true }

  const aligned = alignedScore(A, B, na, nb)
  return { score: Math.max(aligned, compactScore(A, B)), identical: false }
}

function alignedScore(A: PreparedCompany, B: PreparedCompany, na: number, nb: number): number {
  for (let i = 0; i < na; i++) {
    matchA[i] = -1
    for (let j = 0; j < nb; j++) {
      let sim = tokenSimilarity(A.literal[i]!, B.literal[j]!, A.dotted[i]!, B.dotted[j]!)
      let abbreviation = lastWasAbbreviation
      if (sim < 1 && (A.literal[i] !== A.tokens[i] || B.literal[j] !== B.tokens[j])) {
        // canonical forms: a dot belonged to the word as written, not to its expansion
        const modern = tokenSimilarity(A.tokens[i]!, B.tokens[j]!, false, false)
        if (modern > sim) {
          sim = modern
          abbreviation = lastWasAbbreviation
        }
      }
      simScratch[i * nb + j] = sim
      abbrevScratch[i * nb + j] = abbreviation ? 1 : 0
    }
  }
  for (let j = 0; j < nb; j++) matchB[j] = -1

  // greedy best-first assignment; exact pairs (1.0) always win, so this is optimal for the cases that matter
  let typoCost = 0
  let matchedWeight = 0
  let hasTypo = false
  let shortWordTypo = false
  for (;;) {
    let best = 0
    let bi = -1
    let bj = -1
    for (let i = 0; i < na; i++) {
      if (matchA[i] !== -1) continue
      for (let j = 0; j < nb; j++) {
        if (matchB[j] !== -1) continue
        const s = simScratch[i * nb + j]!
        // prefer same position on ties so that "reordered" is only reported when it really is
        if (s > best || (s === best && s > 0 && i === j)) {
          best = s
          bi = i
          bj = j
        }
      }
    }
    if (bi < 0) break
    matchA[bi] = bj
    matchB[bj] = bi
    typoCost += 1 - best
    matchedWeight += best * (A.soft[bi] && B.soft[bj] ? 0.5 : 1)
    if (best < 1 && abbrevScratch[bi * nb + bj] === 0) {
      hasTypo = true
      if (Math.min(A.tokens[bi]!.length, B.tokens[bj]!.length) < 4) shortWordTypo = true
    }
  }

  let unmatchedHard = 0
  let extraSoftA = 0
  let extraSoftB = 0
  let weightA = 0
  let weightB = 0
  for (let i = 0; i < na; i++) {
    weightA += A.soft[i] ? 0.5 : 1
    if (matchA[i] === -1) {
      if (isTrailingQualifier(A, i)) extraSoftA++
      else unmatchedHard++
    }
  }
  for (let j = 0; j < nb; j++) {
    weightB += B.soft[j] ? 0.5 : 1
    if (matchB[j] === -1) {
      if (isTrailingQualifier(B, j)) extraSoftB++
      else unmatchedHard++
    }
  }
  const dice = (2 * matchedWeight) / (weightA + weightB)
  if (matchedWeight === 0) return 0 // nothing in common (e.g. two names that are only different city names)
  if (unmatchedHard > 0) return dice * UNRECONCILED_CAP

  let score = 1 - typoCost - softCost(extraSoftA, extraSoftB)
  if (isReordered(na)) score -= REORDER_PENALTY
  // a one-word name is short and generic: a typo there is more likely another name, so it needs more care
  if (hasTypo && (A.hardCount < 2 || B.hardCount < 2)) {
    if (shortWordTypo) return dice * UNRECONCILED_CAP
    score -= ONE_WORD_TYPO_PENALTY
  }
  return Math.max(0, score)
}

/**
 * A weak word only counts as an optional qualifier at the end of a name ("... Niaga Indonesia", "... Medan"):
 * in the middle or at the start ("Bahtera Indo Perkasa", "Indo Cahaya") it is part of the name itself.
 */
function isTrailingQualifier(p: PreparedCompany, i: number): boolean {
  for (let k = i; k < p.tokens.length; k++) if (!p.soft[k]) return false
  return true
}

/** Name written run together vs in words: same letters, so same name. Also tolerates one typo in long names. */
function compactScore(A: PreparedCompany, B: PreparedCompany): number {
  if (A.compactAll.length >= 6 && A.compactAll === B.compactAll) return 1 - SPACING_PENALTY
  // hard words run together on one side only (the counts differ), the weak words kept apart
  if (A.hardCount !== B.hardCount && A.compactHard.length >= 6 && A.compactHard === B.compactHard) {
    return Math.max(0, 1 - SPACING_PENALTY - softCost(softOnlyIn(A, B), softOnlyIn(B, A)))
  }
  // one typo on top of the spacing difference; only worth checking when the word counts differ
  if (A.tokens.length !== B.tokens.length && Math.min(A.compactHard.length, B.compactHard.length) >= 10) {
    if (osaDistance(A.compactHard, B.compactHard, 1) === 1 && A.compactHard.length !== B.compactHard.length) {
      return Math.max(0, TYPO_SIM - SPACING_PENALTY - softCost(softOnlyIn(A, B), softOnlyIn(B, A)))
    }
  }
  return 0
}

function softOnlyIn(p: PreparedCompany, other: PreparedCompany): number {
  let n = 0
  for (let i = 0; i < p.tokens.length; i++) if (p.soft[i] && !other.tokens.includes(p.tokens[i]!)) n++
  return n
}

/** Cost of weak words found on one side only; when both sides have one, it is two different cities/regions. */
function softCost(extraA: number, extraB: number): number {
  const conflicting = Math.min(extraA, extraB)
  return conflicting * CONFLICTING_SOFT_PENALTY + (extraA + extraB - 2 * conflicting) * EXTRA_SOFT_PENALTY
}

/** Whether the aligned words appear in a different relative order (reads the alignment scratch). */
function isReordered(na: number): boolean {
  let last = -1
  for (let i = 0; i < na; i++) {
    const j = matchA[i]!
    if (j === -1) continue
    if (j < last) return true
    last = j
  }
  return false
}

/** `short` is a one-word name (2-6 letters) that spells the initials of `long`. */
function acronymOf(short: PreparedCompany, long: PreparedCompany): boolean {
  if (short.tokens.length !== 1) return false
  const t = short.tokens[0]!
  if (t.length < 2 || t.length > 6) return false
  return long.initials.includes(t)
}

// ---------------------------------------------------------------------------------------------------------------
// Rarity: how much a word says about which company this is
// ---------------------------------------------------------------------------------------------------------------

/** Weight 0..1 of a (prepared, folded) name word: 1 for a distinctive word, near 0 for one every company uses. */
export type Rarity = (token: string) => number

/** Token statistics of the accounts: how many records carry each word (document frequency) out of `total`. */
export type TokenStats = { total: number; count: (token: string) => number | undefined }

/**
 * Words nearly every Indonesian (or international) company name is built from, used when no statistics of the
 * accounts are at hand (the browser hint, unit tests, a CRM too small to count). General knowledge of the market,
 * not read from any data file; statistics replace it as soon as there are enough accounts.
 */
const COMMON_NAME_WORDS = [
  'maju', 'jaya', 'sukses', 'makmur', 'sentosa', 'santosa', 'abadi', 'mandiri', 'sejahtera', 'utama', 'perkasa',
  'global', 'sakti', 'bersama', 'sinar', 'mulia', 'indah', 'agung', 'baru', 'raya', 'lestari', 'karya', 'mitra',
  'sarana', 'prima', 'nusantara', 'berkah', 'sumber', 'cipta', 'cahaya', 'surya', 'bintang', 'putra', 'putri',
  'sejati', 'persada', 'tunggal', 'usaha', 'niaga', 'citra', 'mega', 'multi', 'inti', 'dinamika', 'gemilang',
  'harapan', 'artha', 'arta', 'lancar', 'setia', 'cemerlang', 'anugerah', 'anugrah', 'kencana', 'bumi',
  'alam', 'kreasi', 'solusi', 'teknologi', 'sistem', 'sistems', 'telekomunikasi', 'komunikasi', 'logistik',
  'industri', 'elektronik', 'energi', 'informatika', 'distribusi', 'konstruksi', 'transportasi', 'properti',
  'farma', 'infrastruktur', 'digital', 'media', 'agro', 'trading', 'perdagangan', 'internasional', 'nasional',
  'services', 'servis', 'consulting', 'konsultan', 'engineering', 'teknik', 'asia', 'pacific', 'partners', 'holdings',
  'holding', 'indonesia', 'indo', 'network', 'data', 'informasi', 'manajemen', 'kimia', 'pratama', 'jasa',
]
const COMMON_WORD_WEIGHT = 0.15
const FOLDED_COMMON = new Set(COMMON_NAME_WORDS.map(foldSpelling))

/** The fallback rarity: common name words weigh little, every other word fully. */
export const defaultRarity: Rarity = (token) => (FOLDED_COMMON.has(token) ? COMMON_WORD_WEIGHT : 1)

/** Below this many accounts, word counts say more about chance than about the market: use defaultRarity. */
export const MIN_STATS_RECORDS = 1000

/**
 * Rarity from the accounts' word counts (inverse document frequency). A word's information is log2(total / count)
 * bits; a word carried by 1 account in 16 or more (4 bits) is worth almost nothing, one carried by 1 in 128 or
 * fewer (7 bits) counts fully, linear in between. A word the statistics have not seen is as rare as can be.
 */
export function rarityFromStats(stats: TokenStats | null | undefined): Rarity {
  if (!stats || stats.total < MIN_STATS_RECORDS) return defaultRarity
  return (token) => {
    const n = stats.count(token)
    if (n === undefined || n <= 0) return 1
    const bits = Math.log2((stats.total + 1) / (n + 1))
    return Math.min(1, Math.max(MIN_WORD_WEIGHT, (bits - COMMON_BITS) / (RARE_BITS - COMMON_BITS)))
  }
}
const COMMON_BITS = 4
const RARE_BITS = 7
const MIN_WORD_WEIGHT = 0.05

/**
 * How much the name tells about which company this is: the rarity of its most distinctive hard word. One
 * distinctive word ("Bahtera", a family name) is what tells two "Maju Jaya"s apart; a pile of common words
 * ("Bintang Mandiri Utama Agro", "Global Teknologi") never adds up to one, which is what lets a different
 * corporate domain or city outweigh such a name.
 */
function nameInformation(p: PreparedCompany, rarity: Rarity): number {
  let best = 0
  for (let i = 0; i < p.tokens.length; i++) if (!p.soft[i] || p.hardCount === 0) best = Math.max(best, rarity(p.tokens[i]!))
  return best
}

/** Extra doubt, at most, when names made only of common words meet a second piece of evidence against them. */
const COMMON_NAME_PENALTY = 0.3

export type ScoreOptions = { rarity?: Rarity }

// ---------------------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------------------

/**
 * Likelihood (0..1) that two records are the same real-world company, with the evidence. Accepts raw records or
 * prepared ones (prepare once when scoring one candidate against many).
 */
export function scoreCompanyMatch(
  candidate: CompanyRecord | PreparedCompany,
  existing: CompanyRecord | PreparedCompany,
  opts: ScoreOptions = {},
): { score: number; reasons: MatchReason[] } {
  const A = prepareCompany(candidate)
  const B = prepareCompany(existing)
  const reasons: MatchReason[] = []
  const rarity = opts.rarity ?? defaultRarity
  // how common the names are: a name of common words alone is weak evidence, whatever else agrees
  // (only needed when other evidence disagrees or a domain stands in for the name, so worked out on demand)
  let commonnessMemo = -1
  const commonness = () => (commonnessMemo >= 0 ? commonnessMemo : (commonnessMemo = 1 - Math.min(nameInformation(A, rarity), nameInformation(B, rarity))))

  let identity = false
  let penalty = 0
  if (A.npwp && B.npwp) {
    if (A.npwp === B.npwp) {
      identity = true
      reasons.push({ kind: 'same_npwp' })
    } else {
      penalty += DIFFERENT_NPWP_PENALTY
      reasons.push({ kind: 'different_npwp' })
    }
  }
  if (A.domain && B.domain) {
    if (A.domain === B.domain) {
      identity = true
      reasons.push({ kind: 'same_domain', domain: A.domain })
    } else if (A.domainLabel === B.domainLabel) {
      reasons.push({ kind: 'related_domain', a: A.domain, b: B.domain })
    } else {
      // two corporate domains: two companies, unless the name itself is distinctive enough to say otherwise
      penalty += DIFFERENT_DOMAIN_PENALTY + COMMON_NAME_PENALTY * commonness()
      reasons.push({ kind: 'different_domain', a: A.domain, b: B.domain })
    }
  }

  const name = compareNames(A, B)
  let nameScore = name.score
  // "same name" only when it is written the same (the compared, folded spelling is not for people to read);
  // the same name in old or English spelling is shown as both names, as typed
  if (name.identical && A.normalised === B.normalised) reasons.push({ kind: 'same_name', name: A.normalised })
  else if (name.score >= 0.5) {
    reasons.push({ kind: 'name_similar', percent: Math.round(name.score * 100), a: A.raw.name, b: B.raw.name })
  }

  const [short, long] = acronymOf(A, B) ? [A, B] : acronymOf(B, A) ? [B, A] : [null, null]
  if (short && long) {
    // the acronym itself (BCA, not "PT BCA" or "bca.co.id"), in capitals as acronyms are written
    reasons.push({ kind: 'acronym', acronym: short.literal[0]!.toUpperCase(), name: long.raw.name.trim() })
    const inDomain = long.domain !== null && long.domainLabel === short.tokens[0]
    if (inDomain && !identity) reasons.push({ kind: 'name_in_domain', name: short.raw.name.trim(), domain: long.domain! })
    nameScore = Math.max(nameScore, inDomain ? ACRONYM_IN_DOMAIN_SCORE : ACRONYM_ONLY_SCORE)
  }

  // the name of one, run together, is the other's own domain: the other company calls itself that (strong for a
  // distinctive name; "suksesglobal.co.id" says little about which "Sukses Global" it is)
  if (!identity && name.score < NAME_IN_DOMAIN_SCORE) {
    if (B.domainLabel && A.compactHard.length >= 5 && A.compactHard === B.domainLabel && B.domain) {
      reasons.push({ kind: 'name_in_domain', name: A.raw.name.trim(), domain: B.domain })
      nameScore = NAME_IN_DOMAIN_SCORE - COMMON_NAME_PENALTY * commonness()
    } else if (A.domainLabel && B.compactHard.length >= 5 && B.compactHard === A.domainLabel && A.domain) {
      reasons.push({ kind: 'name_in_domain', name: B.raw.name.trim(), domain: A.domain })
      nameScore = NAME_IN_DOMAIN_SCORE - COMMON_NAME_PENALTY * commonness()
    }
  }

  const base = identity ? IDENTITY_FLOOR + (1 - IDENTITY_FLOOR) * nameScore : nameScore
  const score = Math.round(Math.min(1, Math.max(0, base - penalty)) * 1000) / 1000
  return { score, reasons }
}

// ---------------------------------------------------------------------------------------------------------------
// Conflict search
// ---------------------------------------------------------------------------------------------------------------

/** Every record of `pool` scoring at or above `threshold` against `candidate`, best first. */
export function findConflicts(
  candidate: CompanyRecord | PreparedCompany,
  pool: Iterable<{ id: string } & (CompanyRecord | PreparedCompany)>,
  threshold: number = DEFAULT_CONFLICT_THRESHOLD,
  opts: ScoreOptions = {},
): Conflict[] {
  const c = prepareCompany(candidate)
  const out: Conflict[] = []
  for (const record of pool) {
    const { score, reasons } = scoreCompanyMatch(c, record, opts)
    if (score >= threshold) out.push({ id: record.id, score, reasons })
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

