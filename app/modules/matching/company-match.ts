/**
 * Deal-registration conflict detection: does a customer company typed by a reseller match an existing CRM account?
 *
 * Pure and dependency-free on purpose: the same code runs in the registration form (browser, live hint while
 * typing), in the server-side check, and in the offline evaluation script, so all three agree.
 *
 * The model, in one paragraph. Identity evidence (same corporate domain, same NPWP) is decisive. Without it we
 * decide on the name alone, and the name rule is deliberately strict: two names match only when EVERY
 * distinctive word on each side finds a counterpart on the other (exactly, as a known abbreviation, or as a small
 * typo). Everything else that real people vary (legal form, case, punctuation, accents, spacing, word order,
 * "Group", "Indonesia", a city) costs little or nothing. That strictness is what separates "PT Mitra Mandiri" from
 * its sister "PT Mitra Mandiri Logistik", or "Makmur Baru" from "Makmur Biru": in this market nearly every word of
 * a company name (Maju, Jaya, Makmur, Sentosa, ...) is common, so "most words overlap" is not evidence at all.
 */

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

export type CompanyRecord = { name: string; domain?: string | null; npwp?: string | null }

export type MatchReason =
  | { kind: 'same_domain'; domain: string }
  /** Same organisation label under different suffixes, e.g. `acme.co.id` and `acme.com`. */
  | { kind: 'related_domain'; a: string; b: string }
  /** Negative evidence: both records carry a (non-free-mail) domain and they differ. */
  | { kind: 'different_domain'; a: string; b: string }
  | { kind: 'same_npwp' }
  /** Negative evidence: both records carry an NPWP and they belong to different taxpayers. */
  | { kind: 'different_npwp' }
  /** The names are identical after normalisation; `name` is that normalised form. */
  | { kind: 'same_name'; name: string }
  /** `a` is the candidate's name and `b` the existing record's, both exactly as typed. */
  | { kind: 'name_similar'; percent: number; a: string; b: string }
  /** `acronym` is the short name's acronym in capitals (`BCA` for "PT BCA"), `name` the full name as typed. */
  | { kind: 'acronym'; acronym: string; name: string }
  /** One record's name, written without spaces, is the other record's domain (`Cahaya Persada` / cahayapersada.com). */
  | { kind: 'name_in_domain'; name: string; domain: string }

type Locale = 'en' | 'id'

/** A record with its normalisation done once, so scoring a few hundred candidates does no string work. */
export type PreparedCompany = {
  readonly prepared: true
  readonly raw: CompanyRecord
  /** Registrable, non-free-mail domain (from the domain field, else from a name that is itself a domain). */
  readonly domain: string | null
  /** `domain` minus its public suffix and hyphens: `siemens-healthineers.co.id` -> `siemenshealthineers`. */
  readonly domainLabel: string | null
  /** NPWP digits, canonical 16-digit form (a 15-digit NPWP gets its leading 0). */
  readonly npwp: string | null
  /** Comparison tokens in typed order (legal forms and filler removed, abbreviations expanded). */
  readonly tokens: readonly string[]
  /**
   * Parallel to `tokens`: the words as written (lower case, no accents), before abbreviations were expanded and
   * old spelling modernised. Typos are looked for in these too: "Internatonal" is one letter from
   * "International" but two from the canonical "internasional".
   */
  readonly literal: readonly string[]
  /** Parallel to `tokens`: true for weak words (Indonesia, city and province names). */
  readonly soft: readonly boolean[]
  /** Parallel to `literal`: the word was written with a trailing dot (`Log.`), i.e. an explicit abbreviation. */
  readonly dotted: readonly boolean[]
  readonly hardCount: number
  /** Hard tokens joined in typed order: catches `Cahayapersadadigital` vs `Cahaya Persada Digital`. */
  readonly compactHard: string
  /** All tokens joined in typed order (for a run-together name that includes a weak word). */
  readonly compactAll: string
  /**
   * Literal hard words ordered by their first letter (ties keep typed order), joined: the spelling the typo
   * blocking keys are derived from. Sorting makes it order-insensitive; sorting on the first letter only keeps it
   * stable under typos, which practically never hit a word's first letter.
   */
  readonly typoKeySource: string
  /** Possible acronyms of this name (initials of all words, of the hard words). */
  readonly initials: readonly string[]
  /** The normalised name (see normaliseCompanyName). */
  readonly normalised: string
}

export type Conflict = { id: string; score: number; reasons: MatchReason[] }

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
// Word lists. Generic, not learnt from any data file: legal forms, filler, abbreviations, and place names.
// ---------------------------------------------------------------------------------------------------------------

/** Legal-form tokens, removed wherever they appear (PT can lead or trail, Tbk and (Persero) trail, ...). */
const LEGAL_FORMS = new Set([
  // Indonesia
  'pt', 'cv', 'ud', 'pd', 'fa', 'firma', 'tbk', 'persero', 'perum', 'perumda', 'koperasi', 'kop', 'ksp', 'kud',
  'yayasan', 'bumn', 'bumd',
  // English-speaking and Commonwealth
  'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'lllp', 'pllc', 'lp', 'plc', 'corp', 'corporation', 'co',
  'company', 'pte', 'pty', 'pvt',
  // Malaysia, Europe, elsewhere
  'sdn', 'bhd', 'berhad', 'gmbh', 'ag', 'kg', 'bv', 'nv', 'sa', 'sas', 'sarl', 'srl', 'spa', 'oy', 'kk', 'ltda',
])

/** Multi-word legal forms: removed only as a phrase, because the words alone can be part of a real name. */
const LEGAL_PHRASES: readonly (readonly string[])[] = [
  ['perseroan', 'terbatas'],
  ['usaha', 'dagang'],
  ['persekutuan', 'komanditer'],
  ['commanditaire', 'vennootschap'],
  ['private', 'limited'],
  ['sendirian', 'berhad'],
]

const LEGAL_PHRASE_STARTS = new Set(LEGAL_PHRASES.map((p) => p[0]!))

/** Words that never distinguish one company from another. "Group" is added and dropped freely by people. */
const FILLER = new Set(['group', 'grup', 'grp', 'the', 'and', 'dan', 'of'])

/**
 * Common abbreviations, and English words whose Indonesian spelling is used interchangeably in names, mapped to
 * one canonical form (the Indonesian one where there is one, as that is how most accounts are written).
 */
const EXPANSIONS = new Map<string, string>([
  ['intl', 'internasional'],
  ['international', 'internasional'],
  ['ind', 'indonesia'],
  ['indo', 'indonesia'],
  ['tek', 'teknologi'],
  ['tekn', 'teknologi'],
  ['tech', 'teknologi'],
  ['technology', 'teknologi'],
  ['technologies', 'teknologi'],
  ['natl', 'nasional'],
  ['national', 'nasional'],
  ['mgmt', 'manajemen'],
  ['management', 'manajemen'],
  ['solution', 'solusi'],
  ['solutions', 'solusi'],
  ['logistic', 'logistik'],
  ['logistics', 'logistik'],
  ['electronics', 'elektronik'],
  ['elektronika', 'elektronik'],
  ['informatics', 'informatika'],
  ['svc', 'services'],
  ['svcs', 'services'],
  ['sys', 'systems'],
  ['mfg', 'manufacturing'],
  ['assoc', 'associates'],
  ['bros', 'brothers'],
  ['jkt', 'jakarta'],
  ['sby', 'surabaya'],
  ['bdg', 'bandung'],
  ['smg', 'semarang'],
  ['mks', 'makassar'],
  ['jogja', 'yogyakarta'],
  ['jogjakarta', 'yogyakarta'],
  ['yogya', 'yogyakarta'],
])

/**
 * Weak words: the country and Indonesian cities/provinces. Adding or dropping one ("PT Maju Jaya Indonesia",
 * "PT Maju Jaya Surabaya") is routine and costs little; two different ones on the two sides is a conflict signal.
 */
const SOFT_WORDS = new Set([
  'indonesia',
  'jakarta', 'bandung', 'surabaya', 'medan', 'semarang', 'makassar', 'batam', 'bali', 'denpasar', 'yogyakarta',
  'solo', 'surakarta', 'malang', 'palembang', 'pekanbaru', 'padang', 'balikpapan', 'samarinda', 'pontianak',
  'banjarmasin', 'manado', 'kupang', 'mataram', 'jayapura', 'ambon', 'bogor', 'depok', 'tangerang', 'bekasi',
  'cirebon', 'tasikmalaya', 'serang', 'cilegon', 'lampung', 'jambi', 'bengkulu', 'aceh', 'riau', 'sumatera',
  'sumatra', 'jawa', 'kalimantan', 'sulawesi', 'papua', 'maluku', 'banten', 'kudus', 'sidoarjo', 'gresik',
  'karawang', 'cikarang', 'purwakarta', 'jabodetabek', 'kediri', 'madiun', 'jember', 'banyuwangi', 'lombok',
  'kendari', 'gorontalo', 'ternate', 'sorong', 'tarakan', 'bontang', 'dumai', 'sukabumi',
])

// ---------------------------------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------------------------------

/**
 * Public mail providers. Matched on the registrable domain; providers with many country variants (yahoo.co.id,
 * hotmail.fr, ...) are matched by their label via FREE_MAIL_LABELS instead.
 */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'msn.com', 'icloud.com',
  'me.com', 'mac.com', 'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'mail.com', 'email.com', 'usa.com',
  'zoho.com', 'zohomail.com', 'qq.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com',
  'aliyun.com', 'tutanota.com', 'tuta.io', 'fastmail.com', 'hushmail.com', 'inbox.com', 'mail.ru', 'bk.ru',
  'list.ru', 'rambler.ru', 'rediffmail.com', 'web.de', 't-online.de', 'libero.it', 'orange.fr', 'laposte.net',
  'free.fr', 'seznam.cz', 'naver.com', 'hanmail.net', 'daum.net', 'lycos.com', 'excite.com', 'juno.com',
  'comcast.net', 'att.net', 'verizon.net', 'sbcglobal.net', 'btinternet.com', 'gawab.com', 'mailinator.com',
  'yopmail.com', 'guerrillamail.com', 'hey.com', 'skiff.com',
  // Indonesian ISP and portal mail
  'telkom.net', 'plasa.com', 'indo.net.id', 'cbn.net.id', 'centrin.net.id', 'indosat.net.id', 'rad.net.id',
])
/** Provider labels that are free mail under any suffix (yahoo.co.id, hotmail.co.uk, outlook.fr, gmx.de, ...). */
const FREE_MAIL_LABELS = new Set([
  'gmail', 'yahoo', 'ymail', 'rocketmail', 'hotmail', 'outlook', 'live', 'windowslive', 'gmx', 'yandex', 'aol',
  'protonmail', 'zohomail', 'icloud',
])
/**
 * Sites where many unrelated businesses live under one host (a shop page, a social profile, a link list). Like
 * free mail, they say nothing about which company a record is. (Hosting platforms that give each customer its own
 * subdomain are handled as public suffixes instead, so `acme.blogspot.com` stays a usable identity.)
 */
const SHARED_SITE_DOMAINS = new Set([
  'facebook.com', 'fb.com', 'instagram.com', 'linkedin.com', 'twitter.com', 'x.com', 'tiktok.com', 'youtube.com',
  'wa.me', 'whatsapp.com', 'linktr.ee', 't.me', 'google.com', 'goo.gl', 'bit.ly', 'tokopedia.com', 'shopee.co.id',
  'bukalapak.com', 'lazada.co.id', 'blibli.com',
])
/** Second-level labels that form a public suffix under a two-letter country code: co.id, or.id, com.au, co.uk... */
const SECOND_LEVEL_SUFFIX_LABELS = new Set([
  'co', 'com', 'net', 'org', 'or', 'ac', 'go', 'gov', 'edu', 'sch', 'web', 'biz', 'my', 'mil', 'ne', 'ltd', 'plc',
  'me', 'info', 'ponpes', 'desa',
])
/** Platform suffixes where each customer gets a subdomain (a subset of the Public Suffix List's private section). */
const PLATFORM_SUFFIXES = new Set([
  'blogspot.com', 'wordpress.com', 'wixsite.com', 'github.io', 'netlify.app', 'vercel.app', 'herokuapp.com',
  'myshopify.com', 'business.site', 'web.app', 'firebaseapp.com', 'pages.dev', 'weebly.com', 'square.site',
])

/** Splits a registrable domain into [label, suffix]: `siemens-healthineers.co.id` -> [`siemens-healthineers`, `co.id`]. */
function splitRegistrable(host: string): { registrable: string; label: string } | null {
  const parts = host.split('.')
  const n = parts.length
  if (n < 2) return null
  let suffixLen = 1
  if (n >= 3 && PLATFORM_SUFFIXES.has(`${parts[n - 2]}.${parts[n - 1]}`)) suffixLen = 2
  else if (n >= 3 && parts[n - 1]!.length === 2 && SECOND_LEVEL_SUFFIX_LABELS.has(parts[n - 2]!)) suffixLen = 2
  if (n < suffixLen + 1) return null
  const label = parts[n - suffixLen - 1]!
  if (!label) return null
  return { registrable: parts.slice(n - suffixLen - 1).join('.'), label }
}

const HOST_CHARS = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/

/** Host part of a bare domain, URL or e-mail address; lower-cased, `www.` and trailing dot removed. */
function hostOf(raw: string): string | null {
  let s = raw.trim().toLowerCase()
  if (!s) return null
  const at = s.lastIndexOf('@')
  if (at >= 0) s = s.slice(at + 1)
  s = s.replace(SCHEME, '')
  if (s.startsWith('//')) s = s.slice(2)
  // the host ends at the first path, query, fragment, port, list separator or whitespace character
  let end = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 58 /* : */ || c === 44 /* , */ || c === 59 /* ; */ || c <= 32) {
      end = i
      break
    }
  }
  s = s.slice(0, end)
  while (s.endsWith('.')) s = s.slice(0, -1)
  if (s.startsWith('www.')) s = s.slice(4)
  if (!HOST_CHARS.test(s) || IPV4.test(s)) return null
  return s
}

/** True for public mail providers and shared sites, which are never company identity. */
export function isFreeMailDomain(domain: string): boolean {
  const host = hostOf(domain)
  if (!host) return false
  const reg = splitRegistrable(host)
  if (!reg) return false
  return (
    FREE_MAIL_DOMAINS.has(reg.registrable) ||
    FREE_MAIL_LABELS.has(reg.label) ||
    SHARED_SITE_DOMAINS.has(reg.registrable)
  )
}

/**
 * The registrable domain of a bare domain, URL or e-mail address (`https://www.shop.acme.co.id/x` -> `acme.co.id`),
 * or null when empty, unparseable, or a free-mail / shared-site domain.
 */
export function companyDomain(raw: string | null | undefined): string | null {
  if (!raw) return null
  const host = hostOf(raw)
  if (!host) return null
  const reg = splitRegistrable(host)
  if (!reg) return null
  if (FREE_MAIL_DOMAINS.has(reg.registrable) || FREE_MAIL_LABELS.has(reg.label)) return null
  if (SHARED_SITE_DOMAINS.has(reg.registrable)) return null
  return reg.registrable
}

/** The organisation part of a domain, comparable to a run-together name: no hyphens, no glued-on "group". */
function domainLabelOf(domain: string): string {
  const reg = splitRegistrable(domain)
  return stripGluedGroup((reg ? reg.label : domain).replaceAll('-', ''))
}

/** A name typed as a domain (`tdp.co.id`, `www.acme.com`): the host, else null. Requires a plausible TLD so that
 * "PT.Maju" is not read as a domain. */
const DOMAIN_LIKE_NAME = /^(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2}|com|net|org|biz|info|app|dev|io|tech|asia|xyz|online|site|store|group|id)\/?$/

function domainInName(raw: string): string | null {
  const s = raw.trim().toLowerCase()
  if (!DOMAIN_LIKE_NAME.test(s)) return null
  return hostOf(s)
}

// ---------------------------------------------------------------------------------------------------------------
// NPWP
// ---------------------------------------------------------------------------------------------------------------

/** NPWP digits (dots, dashes and spaces dropped), or null unless there are exactly 15 or 16 digits. */
export function normaliseNpwp(raw: string | null | undefined): string | null {
  if (!raw) return null
  let digits = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c >= 48 && c <= 57) digits += raw[i]
  }
  return digits.length === 15 || digits.length === 16 ? digits : null
}

/** Since 2024 a company's 16-digit NPWP is its 15-digit NPWP with a leading 0, so both forms compare equal here. */
function canonicalNpwp(raw: string | null | undefined): string | null {
  const digits = normaliseNpwp(raw)
  if (!digits) return null
  return digits.length === 15 ? `0${digits}` : digits
}

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

const COMBINING_MARKS = /\p{M}+/gu
/** Apostrophes are deleted, not split on: Int'l -> intl, McDonald's -> mcdonalds. */
const APOSTROPHES = /['’‘`ʼ]/g
/** Invisible characters that sneak in through copy-paste; deleting them rejoins the word they split. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g
const SPECIAL_LETTERS = /[ßæøđłıœþð]/g
const SPECIAL_LETTER_MAP: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ł: 'l', ı: 'i', œ: 'oe', þ: 'th', ð: 'd' }
/** Runs of letters/digits, and runs of everything else (to know whether a word was followed by a dot). */
const WORD_OR_GAP = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu
const WORD_CHAR = /^[\p{L}\p{N}]/u

type RawToken = { text: string; dotted: boolean }
/** `text` is the canonical word (abbreviation expanded, misspelt dictionary word repaired), `literal` as written. */
type SignificantToken = RawToken & { literal: string }

/** Lower case, no accents, split into words; remembers which words carried a trailing dot. */
function rawTokens(raw: string): RawToken[] {
  const cleaned = raw
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (c) => SPECIAL_LETTER_MAP[c] ?? c)
    .replace(APOSTROPHES, '')
    .replace(INVISIBLE, '')
  const out: RawToken[] = []
  for (const m of cleaned.matchAll(WORD_OR_GAP)) {
    const piece = m[0]
    if (!WORD_CHAR.test(piece)) {
      if (piece.charCodeAt(0) === 46 /* . */ && out.length > 0) out[out.length - 1]!.dotted = true
      continue
    }
    out.push({ text: piece, dotted: false })
  }
  // "P.T." and "C V" are one word split up: merge runs of single letters back together
  const merged: RawToken[] = []
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!
    if (t.text.length === 1 && i + 1 < out.length && out[i + 1]!.text.length === 1) {
      let text = t.text
      let j = i
      while (j + 1 < out.length && out[j + 1]!.text.length === 1) text += out[++j]!.text
      merged.push({ text, dotted: false })
      i = j
    } else merged.push(t)
  }
  return merged
}

/**
 * Misspellings of the long dictionary words (legal forms, "group", place names) mapped back to the word, so that
 * "Persro", "Gruop" or "Indoneisa" get the same treatment as the real word. Built from each word's one-letter
 * deletions and neighbour swaps (the typos people make); only words of 6+ letters (plus group/grup) and
 * misspellings at least as long, and a misspelling that could come from two words or is itself a word is left
 * alone.
 */
const DICTIONARY_TYPOS: ReadonlyMap<string, string> = (() => {
  // "group" and "grup" are short but so often appended (and fumbled) that their misspellings are worth catching
  const words = [...LEGAL_FORMS, ...SOFT_WORDS].filter((w) => w.length >= 6).concat('group', 'grup')
  const known = new Set<string>([...LEGAL_FORMS, ...FILLER, ...SOFT_WORDS, ...EXPANSIONS.keys(), ...EXPANSIONS.values()])
  const map = new Map<string, string>()
  const ambiguous = new Set<string>()
  for (const w of words) {
    const variants: string[] = []
    for (let i = 0; i < w.length; i++) variants.push(w.slice(0, i) + w.slice(i + 1))
    for (let i = 0; i + 1 < w.length; i++) variants.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
    for (const v of variants) {
      if (v.length < Math.min(6, w.length) || v === w || known.has(v)) continue
      const prev = map.get(v)
      if (prev !== undefined && prev !== w) ambiguous.add(v)
      else map.set(v, w)
    }
  }
  for (const v of ambiguous) map.delete(v)
  return map
})()

/** Removes legal forms (words and phrases) and filler; expands abbreviations; repairs misspelt dictionary words. */
function significantTokens(tokens: RawToken[]): SignificantToken[] {
  const out: SignificantToken[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const phrase = LEGAL_PHRASE_STARTS.has(t.text) ? LEGAL_PHRASES.find((p) => p.every((w, k) => tokens[i + k]?.text === w)) : undefined
    if (phrase) {
      i += phrase.length - 1
      continue
    }
    const text = DICTIONARY_TYPOS.get(t.text) ?? t.text
    if (LEGAL_FORMS.has(text) || FILLER.has(text)) continue
    const expanded = EXPANSIONS.get(text)
    out.push({ text: expanded ?? text, dotted: t.dotted, literal: t.text })
  }
  return out
}

/**
 * Canonical company name for display-free comparison and storage: lower case, no diacritics, punctuation as
 * spaces, legal forms and filler ("Group") removed, common abbreviations expanded, single spaces.
 * `PT. Bahtêra  Glöbal Tbk` -> `bahtera global`.
 */
export function normaliseCompanyName(raw: string): string {
  return significantTokens(rawTokens(raw))
    .map((t) => t.text)
    .join(' ')
}

/**
 * Pre-1972 Indonesian spelling still lives on in company names (Djaja, Tjipta, Soerabaja): compare it as modern.
 * Only words that carry an old-spelling digraph are converted, and then their remaining "j" is the old "y"
 * (Djaja -> Jaya); a modern word keeps its j. A typo can fake a digraph (Gojek -> "Gjoek"), which is one more
 * reason the literal word is kept and compared too.
 */
function modernSpelling(token: string): string {
  if (!OLD_SPELLING.test(token)) return token
  return token
    .replaceAll('dj', '\u0000')
    .replaceAll('tj', 'c')
    .replaceAll('sj', 'sy')
    .replaceAll('nj', 'ny')
    .replaceAll('oe', 'u')
    .replaceAll('j', 'y')
    .replaceAll('\u0000', 'j')
}
const OLD_SPELLING = /dj|tj|sj|nj|oe/

/** "perkasaprimagroup" is a name written as one word with "group" glued on: unglue it. */
function stripGluedGroup(token: string): string {
  for (const suffix of ['group', 'grup']) {
    if (token.length >= suffix.length + 4 && token.endsWith(suffix)) return token.slice(0, -suffix.length)
  }
  return token
}

/**
 * Normalises a record once for repeated scoring. Idempotent: a prepared record is returned as is. There is no
 * hidden cache (a WeakMap of every record seen cost more in garbage collection than it saved): callers that score
 * the same records again, or index and then score them, should keep the prepared object.
 */
export function prepareCompany(record: CompanyRecord | PreparedCompany): PreparedCompany {
  if (isPrepared(record)) return record

  const nameDomain = domainInName(record.name)
  // a name typed as a domain names the company by that domain: use it as the name (its label) and, when the
  // domain field gives nothing better, as the domain
  const domain = companyDomain(record.domain) ?? (nameDomain ? companyDomain(nameDomain) : null)
  let sig: SignificantToken[]
  if (nameDomain) {
    const reg = splitRegistrable(nameDomain)
    sig = significantTokens(rawTokens((reg?.label ?? nameDomain).replaceAll('-', ' ')))
  } else sig = significantTokens(rawTokens(record.name))
  if (sig.length === 1) {
    const only = sig[0]!
    sig = [{ text: stripGluedGroup(only.text), dotted: only.dotted, literal: stripGluedGroup(only.literal) }]
  }

  const literal = sig.map((t) => t.literal)
  const tokens = sig.map((t) => modernSpelling(t.text))
  const soft = tokens.map((t) => SOFT_WORDS.has(t))
  const dotted = sig.map((t) => t.dotted)
  const hard = tokens.filter((_, i) => !soft[i])
  // a name made only of weak words ("Indonesia Jakarta") has nothing else to go on: treat them as its identity
  const identityTokens = hard.length > 0 ? hard : tokens
  const identityLiteral = hard.length > 0 ? literal.filter((_, i) => !soft[i]) : literal
  const initials: string[] = []
  if (tokens.length >= 2) initials.push(tokens.map((t) => t[0]).join(''))
  if (hard.length >= 2 && hard.length < tokens.length) initials.push(hard.map((t) => t[0]).join(''))

  return {
    prepared: true,
    raw: record,
    domain,
    domainLabel: domain ? domainLabelOf(domain) : null,
    npwp: canonicalNpwp(record.npwp),
    tokens,
    literal,
    soft,
    dotted,
    hardCount: hard.length,
    compactHard: identityTokens.join(''),
    compactAll: tokens.join(''),
    typoKeySource: identityLiteral
      .map((t, i) => ({ t, i }))
      .sort((x, y) => x.t.charCodeAt(0) - y.t.charCodeAt(0) || x.i - y.i)
      .map((x) => x.t)
      .join(''),
    initials,
    normalised: sig.map((t) => t.text).join(' '),
  }
}

function isPrepared(x: CompanyRecord | PreparedCompany): x is PreparedCompany {
  return (x as PreparedCompany).prepared === true
}

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
// Scoring
// ---------------------------------------------------------------------------------------------------------------

/**
 * Likelihood (0..1) that two records are the same real-world company, with the evidence. Accepts raw records or
 * prepared ones (prepare once when scoring one candidate against many).
 */
export function scoreCompanyMatch(
  candidate: CompanyRecord | PreparedCompany,
  existing: CompanyRecord | PreparedCompany,
): { score: number; reasons: MatchReason[] } {
  const A = prepareCompany(candidate)
  const B = prepareCompany(existing)
  const reasons: MatchReason[] = []

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
      penalty += DIFFERENT_DOMAIN_PENALTY
      reasons.push({ kind: 'different_domain', a: A.domain, b: B.domain })
    }
  }

  const name = compareNames(A, B)
  let nameScore = name.score
  if (name.identical) reasons.push({ kind: 'same_name', name: A.tokens.join(' ') })
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

  // the name of one, run together, is the other's own domain: the other company calls itself that
  if (!identity && name.score < NAME_IN_DOMAIN_SCORE) {
    if (B.domainLabel && A.compactHard.length >= 5 && A.compactHard === B.domainLabel && B.domain) {
      reasons.push({ kind: 'name_in_domain', name: A.raw.name.trim(), domain: B.domain })
      nameScore = NAME_IN_DOMAIN_SCORE
    } else if (A.domainLabel && B.compactHard.length >= 5 && B.compactHard === A.domainLabel && A.domain) {
      reasons.push({ kind: 'name_in_domain', name: B.raw.name.trim(), domain: A.domain })
      nameScore = NAME_IN_DOMAIN_SCORE
    }
  }

  const base = identity ? IDENTITY_FLOOR + (1 - IDENTITY_FLOOR) * nameScore : nameScore
  const score = Math.round(Math.min(1, Math.max(0, base - penalty)) * 1000) / 1000
  return { score, reasons }
}

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

// ---------------------------------------------------------------------------------------------------------------
// Conflict search
// ---------------------------------------------------------------------------------------------------------------

/** Every record of `pool` scoring at or above `threshold` against `candidate`, best first. */
export function findConflicts(
  candidate: CompanyRecord | PreparedCompany,
  pool: Iterable<{ id: string } & (CompanyRecord | PreparedCompany)>,
  threshold: number = DEFAULT_CONFLICT_THRESHOLD,
): Conflict[] {
  const c = prepareCompany(candidate)
  const out: Conflict[] = []
  for (const record of pool) {
    const { score, reasons } = scoreCompanyMatch(c, record)
    if (score >= threshold) out.push({ id: record.id, score, reasons })
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

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
