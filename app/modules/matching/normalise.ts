/**
 * Normalisation for company matching: domains (registrable, free mail, shared hosts), NPWP, and names (legal forms,
 * filler, abbreviations, old spelling, branch qualifiers, English/Indonesian word forms), done once per record in
 * prepareCompany. Pure and dependency-free (runs in the browser too).
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
   * Hard words (folded) ordered by their first letter, ties alphabetically, joined: the spelling the typo blocking
   * keys are derived from. Sorting makes it order-insensitive; sorting on the first letter first keeps it stable
   * under typos, which practically never hit a word's first letter (a tie between two words with the same first
   * letter can still flip under a typo in their second or third letter: rarer than a reordering of them).
   */
  readonly typoKeySource: string
  /** Possible acronyms of this name (initials of all words, of the hard words). */
  readonly initials: readonly string[]
  /** The normalised name (see normaliseCompanyName). */
  readonly normalised: string
}

export type Conflict = { id: string; score: number; reasons: MatchReason[] }

// ---------------------------------------------------------------------------------------------------------------
// Word lists. Generic, not learnt from any data file: legal forms, filler, abbreviations, and place names.
// ---------------------------------------------------------------------------------------------------------------

/** Legal-form tokens, removed wherever they appear (PT can lead or trail, Tbk and (Persero) trail, ...). */
const LEGAL_FORMS = new Set([
  // Indonesia
  'pt', 'cv', 'ud', 'pd', 'fa', 'firma', 'tbk', 'persero', 'perum', 'perumda', 'koperasi', 'kop', 'ksp', 'kud',
  'yayasan', 'yys', 'ksu', 'kspps', 'kopkar', 'bumn', 'bumd',
  // English-speaking and Commonwealth
  'ltd', 'limited', 'inc', 'incorporated', 'foundation', 'cooperative', 'llc', 'llp', 'lllp', 'pllc', 'lp', 'plc', 'corp', 'corporation', 'co',
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
  ['perusahaan', 'perseroan'],
  ['koperasi', 'karyawan'],
  ['koperasi', 'unit', 'desa'],
  ['perusahaan', 'umum'],
  ['perusahaan', 'daerah'],
  ['serba', 'usaha'],
  // "Koperasi Simpan Pinjam", "Kop. Simpan Pinjam": koperasi/kop go as legal forms, this takes the rest
  ['simpan', 'pinjam'],
]

const LEGAL_PHRASE_STARTS = new Set(LEGAL_PHRASES.map((p) => p[0]!))

/** Words that never distinguish one company from another. "Group" is added and dropped freely by people. */
const FILLER = new Set(['group', 'grup', 'grp', 'the', 'and', 'dan', 'of'])

/**
 * Common abbreviations, and English words whose Indonesian form is not a respelling, mapped to one canonical form
 * (the Indonesian one where there is one). Respellings (Technology / Teknologi) are folded by foldSpelling instead.
 */
const EXPANSIONS = new Map<string, string>([
  ['intl', 'internasional'],
  ['ind', 'indonesia'],
  ['indo', 'indonesia'],
  ['tek', 'teknologi'],
  ['tekn', 'teknologi'],
  ['tech', 'teknologi'],
  ['natl', 'nasional'],
  ['mgmt', 'manajemen'],
  ['management', 'manajemen'],
  ['elektronika', 'elektronik'],
  ['svc', 'services'],
  ['svcs', 'services'],
  ['sys', 'systems'],
  ['mfg', 'manufaktur'],
  ['manufacturing', 'manufaktur'],
  ['securities', 'sekuritas'],
  ['consulting', 'konsultan'],
  ['consultant', 'konsultan'],
  ['consultants', 'konsultan'],
  ['konsultindo', 'konsultan'],
  ['pharmaceutical', 'farmasi'],
  ['pharmaceuticals', 'farmasi'],
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
  'bukalapak.com', 'lazada.co.id', 'blibli.com', 'shopee.com', 'olx.co.id', 'indotrading.com', 'indonetwork.co.id',
  's.id', 'lynk.id', 'bio.link', 'heylink.me', 'wa.link', 'tinyurl.com', 'g.page', 'medium.com', 'github.com',
  'wix.com', 'carrd.co', 'godaddysites.com', 'mystrikingly.com', 'jimdosite.com', 'webnode.com', 'sites.google.com',
  // shared web hosting (Indonesian and global): mail or pages on the hosting provider's own domain
  'niagahoster.co.id', 'niagahoster.com', 'hostinger.com', 'hostinger.co.id', 'rumahweb.com', 'idwebhost.com',
  'jagoanhosting.com', 'domainesia.com', 'dewaweb.com', 'qwords.com', 'exabytes.co.id', 'biznetgio.com',
  'godaddy.com', 'bluehost.com', 'hostgator.com', 'namecheap.com',
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
  // the hosting platform itself (`wixsite.com/acme`, `blogspot.com`): shared by all its customers
  if (PLATFORM_SUFFIXES.has(reg.registrable)) return null
  return reg.registrable
}

/** The organisation part of a domain, comparable to a run-together name: no hyphens, no glued-on "group". */
function domainLabelOf(domain: string): string {
  const reg = splitRegistrable(domain)
  return foldSpelling(stripGluedGroup((reg ? reg.label : domain).replaceAll('-', '')))
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
function significantTokens(all: RawToken[]): SignificantToken[] {
  const tokens = stripBranchQualifier(all)
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
 * The spelling a word is compared in: one form for the ways the same word is written in this market, so that
 * word forms are folded by sound rather than listed one by one.
 * - Pre-1972 Indonesian spelling (Djaja, Tjipta, Soerabaja, Joewono): dj -> j, tj -> c, oe -> u, and j and y are
 *   one letter (old j is modern y: Djaja / Jaya, Raja / Raya fold together, a price paid knowingly); au and o
 *   are one sound (Sentausa / Sentosa, Pulau / Pulo).
 * - English vs Indonesian spelling of the same (mostly Latin) word: -tion -> -si (-tional -> -sional), ph -> f,
 *   ch/ck/hard c -> k, x -> ks, q -> k, th -> t, a vowel y -> i, -ive -> -if, a plural -s or -ies dropped,
 *   double consonants single (a doubled vowel is left: dropping a letter can make one, Perkasa / Perkaa):
 *   Systems / Sistem, Technology / Teknologi, Telecommunication / Telekomunikasi, Construction / Konstruksi,
 *   Pharma / Farma, Creative / Kreatif, Summit / Soemmit.
 * Words of 3 letters or fewer are left as they are (acronyms).
 */
export function foldSpelling(word: string): string {
  if (word.length <= 3) return word
  // names are made of a small vocabulary, so words are folded once each: a bounded memo, cleared when full
  let folded = foldCache.get(word)
  if (folded === undefined) {
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear()
    foldCache.set(word, (folded = fold(word)))
  }
  return folded
}
const FOLD_CACHE_SIZE = 50_000
const foldCache = new Map<string, string>()

function fold(word: string): string {
  if (hasDigitChar(word)) return word
  let s = word.replaceAll('dj', 'j').replaceAll('tj', 'c').replaceAll('oe', 'u').replaceAll('j', 'y').replaceAll('au', 'o')
  if (s.length >= 5) {
    if (s.endsWith('ies')) s = `${s.slice(0, -3)}i`
    else if (s.endsWith('s') && !/[aeiouys]s$/.test(s)) s = s.slice(0, -1)
  }
  s = s
    .replace(/tion(?=al)/g, 'sion')
    .replace(/[ts]ion$/, 'si')
    .replaceAll('ph', 'f')
    .replaceAll('th', 't')
    .replace(/c[hk]/g, 'k')
    .replace(/c(?![eiy])/g, 'k')
    .replaceAll('x', 'ks')
    .replaceAll('q', 'k')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/ive$/, 'if')
  return s.replace(/([^aeiou])\1+/g, '$1')
}

function hasDigitChar(s: string): boolean {
  return /\d/.test(s)
}

/**
 * Branch and office qualifiers say which office of the company, not which company: "Cabang Surabaya",
 * "- Cabang Bekasi", "(Kantor Pusat)", "Kantor Perwakilan Medan", "Head Office", "Regional Office", "Medan Branch",
 * "KCP Depok", "Cab. Bogor", "HQ". A qualifier only counts after the name (never as its first word), and it takes everything after it
 * with it (the city, a closing bracket). "X Branch" / "X Office" also takes a place name or the kind of office
 * just before it ("Singapore Branch", "Rep Office"); a bare "Branch" needs two name words before it.
 */
function stripBranchQualifier(tokens: RawToken[]): RawToken[] {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!.text
    const next = tokens[i + 1]?.text
    let cut = -1
    if (t === 'cabang' || t === 'cab' || t === 'perwakilan' || t === 'kcp' || t === 'kc' || t === 'kanwil' || t === 'hq' || t === 'headquarters') cut = i
    else if (t === 'kantor' && next !== undefined && BRANCH_AFTER_KANTOR.has(next)) cut = i
    else if ((t === 'head' || t === 'regional' || t === 'branch' || t === 'representative') && next === 'office') cut = i
    else if (t === 'branch' || t === 'office') {
      const before = tokens[i - 1]!.text
      if (PLACE_WORDS.has(before) || OFFICE_KINDS.has(before)) cut = i - 1
      // a bare "Branch" needs a name of two words before it ("Olive Branch Ltd" is a name)
      else if (nameWordsBefore(tokens, i) >= 2) cut = i
    }
    if (cut >= 1 && nameWordsBefore(tokens, cut) >= 1) return tokens.slice(0, cut)
  }
  return tokens
}
function nameWordsBefore(tokens: RawToken[], end: number): number {
  let n = 0
  for (let k = 0; k < end; k++) if (!LEGAL_FORMS.has(tokens[k]!.text)) n++
  return n
}
const BRANCH_AFTER_KANTOR = new Set(['pusat', 'cabang', 'perwakilan', 'wilayah', 'regional', 'operasional'])
/** Words that say which kind of office in "... Rep Office", "... Sales Office". */
const OFFICE_KINDS = new Set(['rep', 'representative', 'sales', 'main', 'liaison', 'project', 'site', 'local', 'country'])
/** Places a branch is named after: Indonesian cities and provinces, and the region's business cities and countries. */
const PLACE_WORDS = new Set([
  ...SOFT_WORDS,
  'singapore', 'singapura', 'malaysia', 'kuala', 'lumpur', 'penang', 'johor', 'thailand', 'bangkok', 'vietnam',
  'hanoi', 'saigon', 'philippines', 'manila', 'hongkong', 'hk', 'china', 'shanghai', 'beijing', 'shenzhen', 'taiwan',
  'taipei', 'japan', 'tokyo', 'osaka', 'korea', 'seoul', 'india', 'mumbai', 'delhi', 'australia', 'sydney',
  'melbourne', 'perth', 'dubai', 'uae', 'uk', 'london', 'us', 'usa', 'europe', 'asia', 'apac', 'sea', 'emea',
])

const FOLDED_SOFT_WORDS = new Set([...SOFT_WORDS].map(foldSpelling))

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
  const tokens = sig.map((t) => foldSpelling(t.text))
  const soft = tokens.map((t) => FOLDED_SOFT_WORDS.has(t))
  const dotted = sig.map((t) => t.dotted)
  const hard = tokens.filter((_, i) => !soft[i])
  // a name made only of weak words ("Indonesia Jakarta") has nothing else to go on: treat them as its identity
  const identityTokens = hard.length > 0 ? hard : tokens
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
    typoKeySource: identityTokens
      .map((t, i) => ({ t, i }))
      .sort((x, y) => x.t.charCodeAt(0) - y.t.charCodeAt(0) || (x.t < y.t ? -1 : x.t > y.t ? 1 : x.i - y.i))
      .map((x) => x.t)
      .join(''),
    initials,
    normalised: sig.map((t) => t.text).join(' '),
  }
}

function isPrepared(x: CompanyRecord | PreparedCompany): x is PreparedCompany {
  return (x as PreparedCompany).prepared === true
}

