/**
 * Generates the labelled company-pair set in tests/data/conflicts/ (see its README):
 *
 *   npx tsx scripts/make-conflict-pairs.ts            # writes pairs.csv, tune.csv, holdout.csv
 *
 * Written from rules stated in words, without reading or calling the matcher (nothing from app/modules/matching is
 * imported): a base company is drawn from word lists, then a variation rule says how people retype it (a match) or
 * which different company looks like it (a non-match). The label comes from the rule, not from any score.
 *
 * Deterministic: fixed seed, so re-running reproduces the committed files byte for byte. Every pair derived from
 * one base company lands in the same part; a base company goes to the held-out part with probability 0.3, so the
 * held-out names (and their variations) are never seen while tuning.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

const SEED = 17
const OUT_DIR = path.join(import.meta.dirname, '..', 'tests', 'data', 'conflicts')

// ---- random ----------------------------------------------------------------------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = mulberry32(SEED)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const chance = (p: number) => rand() < p
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

// ---- vocabulary (what Indonesian and international company names are made of) ----------------------------------
/** Words that distinguish one company from another: uncommon words, personal and family names. */
const DISTINCTIVE = [
  'Bahtera', 'Cakrawala', 'Gading', 'Kencana', 'Mahkota', 'Pelangi', 'Samudra', 'Nirwana', 'Rajawali', 'Cendana',
  'Kenanga', 'Anggrek', 'Merapi', 'Rinjani', 'Krakatau', 'Mutiara', 'Berlian', 'Lentera', 'Arjuna', 'Srikandi',
  'Tirta', 'Kartika', 'Ganesha', 'Wibawa', 'Pusaka', 'Gemintang', 'Sriwijaya', 'Majapahit', 'Kalingga', 'Cempaka',
  'Cemerlang', 'Baruna', 'Jatayu', 'Ciputra', 'Sudirman', 'Hartono', 'Gunawan', 'Santoso', 'Setiawan', 'Halim',
  'Tanoto', 'Kurniawan', 'Susanto', 'Budiman', 'Purnomo', 'Cahyono', 'Yulianto', 'Suryadi', 'Juanda', 'Cokro',
  'Wonokoyo', 'Semeru', 'Mahameru', 'Kahuripan', 'Pajajaran', 'Tarumanegara', 'Singosari', 'Kediri', 'Cirebon',
  'Jayakarta', 'Sangkuriang', 'Lokananta', 'Pancaran', 'Andalas', 'Borneo', 'Celebes', 'Mandala', 'Sembada',
  'Yudhistira', 'Bayu', 'Garuda', 'Elang', 'Harimau', 'Kijang', 'Merpati', 'Cenderawasih', 'Kasuari', 'Jalak',
  'Kemuning', 'Seroja', 'Teratai', 'Bougenville', 'Meranti', 'Jati', 'Cemara', 'Beringin', 'Mahoni', 'Trembesi',
  'Sukarno', 'Juwono', 'Cokroaminoto', 'Pujiono', 'Yuwono', 'Cipto', 'Jarwo', 'Sucipto', 'Tjandra', 'Wirajaya',
]
/** Words almost every Indonesian company name uses: they say little about which company it is. */
const GENERIC = [
  'Maju', 'Jaya', 'Sukses', 'Makmur', 'Sentosa', 'Abadi', 'Mandiri', 'Sejahtera', 'Utama', 'Perkasa', 'Global',
  'Sakti', 'Bersama', 'Sinar', 'Mulia', 'Indah', 'Agung', 'Baru', 'Raya', 'Lestari', 'Karya', 'Mitra', 'Sarana',
  'Prima', 'Nusantara', 'Berkah', 'Sumber', 'Cipta', 'Cahaya', 'Surya', 'Bintang', 'Putra', 'Sejati', 'Persada',
]
/** Sector words, Indonesian with the English form people also write. */
const SECTORS: readonly (readonly [string, string])[] = [
  ['Teknologi', 'Technology'], ['Sistem', 'Systems'], ['Telekomunikasi', 'Telecommunication'],
  ['Komunikasi', 'Communication'], ['Solusi', 'Solutions'], ['Logistik', 'Logistics'], ['Industri', 'Industries'],
  ['Elektronik', 'Electronics'], ['Energi', 'Energy'], ['Informatika', 'Informatics'], ['Distribusi', 'Distribution'],
  ['Konstruksi', 'Construction'], ['Transportasi', 'Transportation'], ['Properti', 'Property'], ['Farma', 'Pharma'],
  ['Infrastruktur', 'Infrastructure'], ['Digital', 'Digital'], ['Media', 'Media'], ['Agro', 'Agro'],
]
const CITIES = [
  'Jakarta', 'Surabaya', 'Bandung', 'Medan', 'Semarang', 'Makassar', 'Bekasi', 'Tangerang', 'Bogor', 'Depok',
  'Palembang', 'Balikpapan', 'Denpasar', 'Malang', 'Pekanbaru', 'Batam', 'Yogyakarta', 'Pontianak', 'Manado',
]
/** English-speaking companies: a made-up distinctive word and an English sector word. */
const INTL_DISTINCTIVE = [
  'Redwood', 'Bluewave', 'Silverline', 'Northstar', 'Kestrel', 'Granite', 'Harbor', 'Evergreen', 'Falcon', 'Summit',
  'Ironbridge', 'Lakeside', 'Crescent', 'Orion', 'Pinnacle', 'Sterling', 'Westbrook', 'Brightpath', 'Clearwater',
  'Meridian', 'Oakridge', 'Quantum', 'Riverstone', 'Skyline', 'Thornbury', 'Vantage', 'Willowby', 'Zenith',
]
const INTL_GENERIC = ['Global', 'International', 'Asia', 'Pacific', 'Group', 'Partners', 'Holdings']
const INTL_FORMS = ['Ltd', 'Inc', 'Pte Ltd', 'LLC', 'Corp', 'GmbH', 'Limited', 'Pty Ltd', 'Sdn Bhd']
/** Brand words for trading names ("Kopi Kenangan" on the domain of "PT Bumi Berkah Boga"). */
const BRAND_PRODUCTS = ['Kopi', 'Roti', 'Batik', 'Teh', 'Apotek', 'Klinik', 'Toko', 'Bengkel', 'Warung', 'Sepatu', 'Kue', 'Salon']
const BRAND_WORDS = ['Senja', 'Kenangan', 'Rindu', 'Pagi', 'Fajar', 'Kilat', 'Ceria', 'Riang', 'Bahagia', 'Pelita', 'Sahabat', 'Harmoni', 'Kita', 'Nusa', 'Pelangi', 'Tenang', 'Sentuh', 'Lima']

const FREE_MAIL = ['gmail.com', 'yahoo.co.id', 'yahoo.com', 'outlook.com', 'hotmail.com', 'ymail.com']
/** Shared hosting / shop platforms: many unrelated businesses on one host. */
const SHARED_HOSTS = ['facebook.com', 'instagram.com', 'tokopedia.com', 'shopee.co.id', 'linktr.ee', 'bukalapak.com']
const MAIL_USERS = ['info', 'sales', 'admin', 'budi', 'sri.wahyuni', 'purchasing', 'finance', 'andi.pratama', 'cs']

// ---- base companies --------------------------------------------------------------------------------------------
type LegalForm = 'PT' | 'CV' | 'UD' | 'Fa' | 'KSP' | 'Yayasan' | 'Persero' | 'Tbk' | 'none' | 'intl'
type Base = {
  id: number
  words: string[] // the name without legal form, Indonesian sector word if any
  sector: readonly [string, string] | null
  form: LegalForm
  intlForm?: string
  domain: string | null // corporate domain, if the company has one
  holdout: boolean
  distinctive: boolean // has at least one distinctive word
}

function pickDistinct<T>(xs: readonly T[], n: number): T[] {
  const out = new Set<T>()
  while (out.size < n) out.add(pick(xs))
  return [...out]
}

const SUFFIXES_ID = ['co.id', 'com', 'id', 'co.id', 'net', 'co.id']
function corporateDomain(words: string[], sfx?: string): string {
  const lower = words.map((w) => w.toLowerCase())
  const label = chance(0.25) ? lower.join('-') : chance(0.2) && lower.length >= 3 ? lower.map((w) => w[0]).join('') + lower.at(-1) : lower.join('')
  return `${label}.${sfx ?? pick(SUFFIXES_ID)}`
}

let nextBaseId = 0
function makeBase(opts: { generic?: boolean; intl?: boolean } = {}): Base {
  const id = nextBaseId++
  const holdout = chance(0.3)
  if (opts.intl) {
    const words = [pick(INTL_DISTINCTIVE)]
    const sector = pick(SECTORS.filter((s) => s[0] !== s[1]))
    if (chance(0.4)) words.push(pick(INTL_GENERIC.filter((w) => w !== 'Group')))
    words.push(sector[1])
    return { id, words, sector: null, form: 'intl', intlForm: pick(INTL_FORMS), domain: chance(0.7) ? corporateDomain(words.slice(0, 2), pick(['com', 'com', 'sg', 'com.au', 'co.uk'])) : null, holdout, distinctive: true }
  }
  const words: string[] = []
  const distinctive = !opts.generic
  if (distinctive) words.push(pick(DISTINCTIVE))
  words.push(...pickDistinct(GENERIC, opts.generic ? int(2, 3) : int(1, 2)))
  if (distinctive) shuffle(words)
  let sector: readonly [string, string] | null = null
  if (chance(0.45)) {
    sector = pick(SECTORS)
    words.push(sector[0])
  }
  const r = rand()
  const form: LegalForm =
    r < 0.45 ? 'PT' : r < 0.58 ? 'CV' : r < 0.66 ? 'UD' : r < 0.71 ? 'Fa' : r < 0.76 ? 'KSP' : r < 0.82 ? 'Yayasan' : r < 0.88 ? 'Persero' : r < 0.94 ? 'Tbk' : 'none'
  return { id, words, sector, form, domain: chance(0.65) ? corporateDomain(words) : null, holdout, distinctive }
}

/** The name as it is usually written in a CRM: standard legal form in its usual place. */
function canonicalName(b: Base, words = b.words): string {
  const n = words.join(' ')
  switch (b.form) {
    case 'PT': return `PT ${n}`
    case 'CV': return `CV ${n}`
    case 'UD': return `UD ${n}`
    case 'Fa': return `Firma ${n}`
    case 'KSP': return `Koperasi Simpan Pinjam ${n}`
    case 'Yayasan': return `Yayasan ${n}`
    case 'Persero': return `PT ${n} (Persero)`
    case 'Tbk': return `PT ${n} Tbk`
    case 'none': return n
    case 'intl': return `${n} ${b.intlForm}`
  }
}

// ---- variation rules (each keeps the company the same) ---------------------------------------------------------
type Variant = { name: string; tags: string[] }

/** Legal form spelled out, abbreviated, moved after the name or a comma, or dropped. */
function legalFormVariant(b: Base, words = b.words): string {
  const n = words.join(' ')
  const options: string[] = [n] // missing altogether
  switch (b.form) {
    case 'PT': options.push(`Perseroan Terbatas ${n}`, `${n}, PT`, `${n} PT`, `P.T. ${n}`, `PT. ${n}`); break
    case 'CV': options.push(`${n}, CV`, `C.V. ${n}`, `CV. ${n}`, `${n} CV`); break
    case 'UD': options.push(`Usaha Dagang ${n}`, `${n}, UD`, `U.D. ${n}`); break
    case 'Fa': options.push(`Fa ${n}`, `Fa. ${n}`, `${n}, Firma`); break
    case 'KSP': options.push(`KSP ${n}`, `Kop. Simpan Pinjam ${n}`, `Koperasi ${n}`, `${n}, KSP`); break
    case 'Yayasan': options.push(`Yys. ${n}`, `Yys ${n}`, `${n}, Yayasan`); break
    case 'Persero': options.push(`Perusahaan Perseroan ${n}`, `Perusahaan Perseroan (Persero) PT ${n}`, `${n} (Persero)`, `PT ${n}`, `PT (Persero) ${n}`); break
    case 'Tbk': options.push(`${n} Tbk`, `PT ${n}`, `${n}, PT Tbk`, `Perseroan Terbatas ${n} Tbk`); break
    case 'none': options.push(`PT ${n}`); break
    case 'intl': options.push(`${n}`, `${n}, ${b.intlForm}`, `${n} ${b.intlForm === 'Ltd' ? 'Limited' : b.intlForm === 'Inc' ? 'Incorporated' : b.intlForm === 'Corp' ? 'Corporation' : 'Ltd'}`); break
  }
  return pick(options)
}

const BRANCH_QUALIFIERS = [
  (c: string) => `Cabang ${c}`, (c: string) => `- Cabang ${c}`, () => '(Kantor Pusat)', () => 'Head Office', (c: string) => `Kantor Perwakilan ${c}`,
  () => 'Regional Office', (c: string) => `${c} Branch`, () => 'Branch', (c: string) => `(Cabang ${c})`, () => 'Kantor Pusat', (c: string) => `Kantor Cabang ${c}`,
]
function branchVariant(b: Base): string {
  return `${canonicalName(b)} ${pick(BRANCH_QUALIFIERS)(pick(CITIES))}`
}

/** Pre-1972 spelling: j -> dj, c -> tj, y -> j, u -> oe (and Sentosa -> Sentausa), applied to words that have them. */
function oldSpellingWord(w: string): string {
  if (w === 'Sentosa') return 'Sentausa'
  let s = w.replace(/j/g, 'dj').replace(/J/g, 'Dj').replace(/c/g, 'tj').replace(/C/g, 'Tj')
  s = s.replace(/y/g, 'j').replace(/Y/g, 'J')
  if (chance(0.7)) s = s.replace(/u/g, 'oe').replace(/U/g, 'Oe')
  return s
}
function oldSpellingVariant(b: Base): string | null {
  const candidates = b.words.map((w, i) => ({ w, i })).filter(({ w }) => /[jcyuJCYU]/.test(w) || w === 'Sentosa')
  if (!candidates.length) return null
  const words = [...b.words]
  for (const { w, i } of candidates) if (chance(0.7) || candidates.length === 1) words[i] = oldSpellingWord(w)
  if (words.join() === b.words.join()) words[candidates[0]!.i] = oldSpellingWord(candidates[0]!.w)
  return canonicalName(b, words)
}

/** Sector word in its English form (or, for an English name, the Indonesian one). */
function languageVariant(b: Base): string | null {
  if (b.form === 'intl') {
    const sector = SECTORS.find((s) => s[1] === b.words.at(-1) && s[0] !== s[1])
    if (!sector) return null
    return canonicalName(b, [...b.words.slice(0, -1), sector[0]])
  }
  if (!b.sector || b.sector[0] === b.sector[1]) return null
  return canonicalName(b, b.words.map((w) => (w === b.sector![0] ? b.sector![1] : w)))
}

const NEIGHBOURS: Record<string, string> = { a: 's', s: 'a', e: 'r', r: 't', i: 'o', o: 'i', n: 'm', m: 'n', t: 'r', u: 'i', k: 'j', l: 'k', d: 's', g: 'h', h: 'g', p: 'o', b: 'v', j: 'k', y: 't', c: 'x', w: 'q', z: 'x' }
/** One fat-finger typo in one word: neighbouring letters swapped, a letter dropped or doubled (any word of 4+
 * letters), or a letter changed for a keyboard neighbour (words of 7+ letters: in a short word a changed letter
 * makes another word, Baru / Biru). Never the first letter. */
function typoWord(w: string): string {
  const kinds = ['swap', 'drop', 'double'] as string[]
  if (w.length >= 7) kinds.push('change')
  const kind = pick(kinds)
  const i = int(1, w.length - 2)
  switch (kind) {
    case 'swap': return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
    case 'drop': return w.slice(0, i) + w.slice(i + 1)
    case 'double': return w.slice(0, i + 1) + w[i] + w.slice(i + 1)
    default: {
      const c = w[i]!.toLowerCase()
      return w.slice(0, i) + (NEIGHBOURS[c] ?? 'e') + w.slice(i + 1)
    }
  }
}
function typoVariant(b: Base): string {
  const eligible = b.words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 4)
  const { i } = pick(eligible.length ? eligible : b.words.map((w, i) => ({ w, i })))
  const words = [...b.words]
  let t = typoWord(words[i]!)
  if (t === words[i]) t = words[i]!.slice(0, 1) + words[i]!.slice(2)
  words[i] = t
  return canonicalName(b, words)
}
/** Spacing, glue, accents, NBSP, case. */
function surfaceVariant(b: Base): Variant {
  const kind = pick(['double-space', 'glued-pair', 'glued-all', 'accent', 'nbsp', 'case', 'punct'])
  const words = [...b.words]
  switch (kind) {
    case 'double-space': return { name: canonicalName(b).replace(/ /g, () => (chance(0.5) ? '  ' : ' ')).replace(/^(\S+) /, '$1  '), tags: ['spacing'] }
    case 'glued-pair': {
      if (words.length < 2) return { name: canonicalName(b).toUpperCase(), tags: ['case'] }
      const i = int(0, words.length - 2)
      words.splice(i, 2, words[i]! + words[i + 1]!.toLowerCase())
      return { name: canonicalName(b, words), tags: ['glued'] }
    }
    case 'glued-all': {
      const g = words.map((w, i) => (i ? w.toLowerCase() : w)).join('')
      return { name: canonicalName(b, [g]), tags: ['glued'] }
    }
    case 'accent': {
      const map: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü' }
      const i = int(0, words.length - 1)
      words[i] = words[i]!.replace(/[aeiou]/, (c) => map[c]!)
      return { name: canonicalName(b, words), tags: ['accent'] }
    }
    case 'nbsp': return { name: canonicalName(b).replace(/ /g, () => (chance(0.5) ? '\u00a0' : ' ')).replace(/ (?=\S+$)/, '\u00a0'), tags: ['nbsp'] }
    case 'case': return { name: chance(0.5) ? canonicalName(b).toUpperCase() : canonicalName(b).toLowerCase(), tags: ['case'] }
    default: return { name: canonicalName(b).replace(/ /g, () => (chance(0.3) ? ' - ' : ' ')) + (chance(0.5) ? '.' : ''), tags: ['punctuation'] }
  }
}

type NameRule = (b: Base) => Variant | null
const NAME_RULES: Record<string, NameRule> = {
  branch: (b) => ({ name: branchVariant(b), tags: ['branch'] }),
  legal_form: (b) => ({ name: legalFormVariant(b), tags: ['legal_form'] }),
  old_spelling: (b) => { const n = oldSpellingVariant(b); return n ? { name: n, tags: ['old_spelling'] } : null },
  language: (b) => { const n = languageVariant(b); return n ? { name: n, tags: ['language'] } : null },
  typo: (b) => ({ name: typoVariant(b), tags: ['typo'] }),
  surface: (b) => surfaceVariant(b),
}

/** Applies two rules to one name: the second works on a base whose words/legal form the first one changed. */
function combined(b: Base): Variant | null {
  const [r1, r2] = pickDistinct(['legal_form', 'old_spelling', 'language', 'typo', 'branch', 'surface'], 2)
  // word-level rule first (changes b.words), then a rule that works on the whole name
  const wordRules = new Set(['old_spelling', 'language', 'typo'])
  const first = wordRules.has(r1!) ? r1! : wordRules.has(r2!) ? r2! : r1!
  const second = first === r1 ? r2! : r1!
  const v1 = NAME_RULES[first]!(b)
  if (!v1) return null
  if (!wordRules.has(first)) {
    // two whole-name rules: branch qualifier added to a legal-form / surface variant
    const v2 = second === 'branch' ? `${v1.name} ${pick(BRANCH_QUALIFIERS)(pick(CITIES))}` : first === 'branch' ? NAME_RULES[second]!(b)!.name + ' ' + pick(BRANCH_QUALIFIERS)(pick(CITIES)) : null
    return v2 ? { name: v2, tags: ['combo', first, second] } : null
  }
  // re-derive the word list from the first variant so the second rule applies on top of it
  const words = wordsOf(b, v1.name)
  if (!words) return null
  const b2: Base = { ...b, words, sector: b.sector && words.includes(b.sector[0]) ? b.sector : null }
  const v2 = NAME_RULES[second]!(b2)
  if (!v2 || v2.name === v1.name) return null
  return { name: v2.name, tags: ['combo', first, second] }
}
function wordsOf(b: Base, name: string): string[] | null {
  const canon = canonicalName(b, ['\u0001'])
  const [pre, post] = canon.split('\u0001') as [string, string]
  if (!name.startsWith(pre) || !name.endsWith(post)) return null
  return name.slice(pre.length, name.length - post.length).split(' ')
}

// ---- domains ---------------------------------------------------------------------------------------------------
/** How a corporate domain is typed: bare, www, URL with path/query, e-mail, or a subdomain of it. */
function domainVariant(d: string): string {
  return pick([
    () => d, () => `www.${d}`, () => `https://www.${d}/tentang-kami`, () => `http://${d}/contact?ref=form&lang=id`,
    () => `${pick(MAIL_USERS)}@${d}`, () => `mail.${d}`, () => `https://id.${d}/karir?utm_source=linkedin`,
    () => `${pick(MAIL_USERS)}@mail.${d}`, () => `HTTPS://${d.toUpperCase()}/`, () => `shop.${d}`,
  ])()
}
function freeMail(): string {
  return `${pick(MAIL_USERS)}${int(1, 99)}@${pick(FREE_MAIL)}`
}
function sharedHost(slug: string): string {
  return `https://www.${pick(SHARED_HOSTS)}/${slug}`
}
/** Domain field on one side of a name-only pair: mostly none or free mail, so the name has to carry the match. */
function weakDomain(b: Base): string {
  const r = rand()
  if (r < 0.45) return ''
  if (r < 0.8) return freeMail()
  return b.domain ? domainVariant(b.domain) : ''
}

// ---- pairs -----------------------------------------------------------------------------------------------------
type Pair = { cn: string; cd: string; en: string; ed: string; match: 0 | 1; holdout: boolean; kind: string }
const pairs: Pair[] = []
function add(b: Base, cn: string, cd: string, en: string, ed: string, match: 0 | 1, kind: string, holdout = b.holdout) {
  if (chance(0.5)) pairs.push({ cn, cd, en, ed, match, holdout, kind })
  else pairs.push({ cn: en, cd: ed, en: cn, ed: cd, match, holdout, kind })
}

const bases: Base[] = []
for (let i = 0; i < 560; i++) bases.push(makeBase({ intl: i % 9 === 0 }))

// positives: each base gets a couple of name variations
for (const b of bases) {
  const rules = pickDistinct(['branch', 'legal_form', 'old_spelling', 'language', 'typo', 'surface', 'combo', 'combo'], 2)
  for (const rule of rules) {
    const v = rule === 'combo' ? combined(b) : NAME_RULES[rule]!(b)
    if (!v || v.name === canonicalName(b)) continue
    // the existing record is the canonical name, or itself a legal-form variant ("either side")
    const existing = chance(0.7) ? canonicalName(b) : legalFormVariant(b)
    add(b, v.name, weakDomain(b), existing, b.domain && chance(0.6) ? domainVariant(b.domain) : weakDomain(b), 1, `match:${v.tags.join('+')}`)
  }
}

// positives: trading name vs legal name, same corporate domain (subdomains, URLs, e-mails)
const brands = shuffle(BRAND_PRODUCTS.flatMap((p) => BRAND_WORDS.map((w) => `${p} ${w}`))) // each brand one company
for (let i = 0; i < 170; i++) {
  const b = makeBase()
  const brand = brands[i]!
  const domain = `${brand.toLowerCase().replace(' ', '')}.${pick(['com', 'co.id', 'id'])}`
  add(b, chance(0.5) ? brand : `${brand} ${pick(CITIES)}`, domainVariant(domain), canonicalName(b), domainVariant(domain), 1, 'match:trading_name+domain')
  // the same two names when the only "domain" is free mail or a shared host: nothing ties them, different companies
  const other = makeBase()
  const shared = chance(0.5) ? [freeMail(), freeMail().replace(/^[^@]+/, 'admin')] : [sharedHost(brand.toLowerCase().replace(' ', '')), sharedHost(other.words.join('').toLowerCase())]
  add(other, brand, shared[0]!, canonicalName(other), shared[1]!, 0, 'nonmatch:trading_name+free_or_shared', b.holdout)
}

// hard negatives: generic words shared, a different distinctive word
for (let i = 0; i < 300; i++) {
  const a = makeBase()
  const d = a.words.findIndex((w) => DISTINCTIVE.includes(w))
  const words = [...a.words]
  let other = pick(DISTINCTIVE)
  while (other === words[d]) other = pick(DISTINCTIVE)
  words[d] = other
  const b: Base = { ...a, words, domain: chance(0.5) ? corporateDomain(words) : null }
  add(a, canonicalName(a), a.domain && chance(0.5) ? domainVariant(a.domain) : weakDomain(a), chance(0.5) ? canonicalName(b) : legalFormVariant(b), b.domain ? domainVariant(b.domain) : weakDomain(b), 0, 'nonmatch:different_distinctive')
}

// hard negatives: generic-only names sharing most words, or the same generic words with a different city, or
// the same generic name under two different corporate domains
for (let i = 0; i < 260; i++) {
  const a = makeBase({ generic: true })
  const kind = pick(['extra_word', 'city', 'domain', 'sector'])
  if (kind === 'extra_word') {
    const words = [...a.words]
    let w = pick(GENERIC)
    while (words.includes(w)) w = pick(GENERIC)
    if (chance(0.5)) words.push(w)
    else words[int(0, words.length - 1)] = w
    const b: Base = { ...a, words }
    add(a, canonicalName(a), weakDomain(a), canonicalName(b), '', 0, 'nonmatch:generic_other_word')
  } else if (kind === 'city') {
    const [c1, c2] = pickDistinct(CITIES, 2)
    add(a, canonicalName(a, [...a.words, c1!]), weakDomain(a), canonicalName(a, [...a.words, c2!]), '', 0, 'nonmatch:generic_other_city')
  } else if (kind === 'domain') {
    const d1 = corporateDomain(a.words)
    let d2 = corporateDomain([...a.words.slice(0, -1), pick(CITIES)])
    if (d2.split('.')[0] === d1.split('.')[0]) d2 = `${d2.split('.')[0]}${pick(CITIES).toLowerCase()}.com`
    const b: Base = { ...a, form: pick(['PT', 'CV', 'UD'] as const) }
    add(a, canonicalName(a), domainVariant(d1), canonicalName(b), domainVariant(d2), 0, 'nonmatch:generic_other_domain')
  } else {
    const words = [...a.words.filter((w) => !SECTORS.some((s) => s[0] === w))]
    const [s1, s2] = pickDistinct(SECTORS, 2)
    add(a, canonicalName(a, [...words, s1![0]]), weakDomain(a), canonicalName(a, [...words, s2![0]]), '', 0, 'nonmatch:generic_other_sector')
  }
}

// hard negatives: sister companies (one more sector word), a short word changed (Baru / Biru), and an
// international namesake with a different distinctive word
for (let i = 0; i < 220; i++) {
  const kind = pick(['sister', 'changed_short_word', 'intl'])
  if (kind === 'sister') {
    const a = makeBase()
    if (a.sector) continue
    const s = pick(SECTORS)
    const b: Base = { ...a, words: [...a.words, s[0]], domain: chance(0.6) ? corporateDomain([...a.words, s[0]]) : null }
    add(a, canonicalName(a), a.domain ? domainVariant(a.domain) : weakDomain(a), canonicalName(b), b.domain ? domainVariant(b.domain) : '', 0, 'nonmatch:sister_company')
  } else if (kind === 'changed_short_word') {
    const a = makeBase()
    // a letter CHANGED in a short word makes another word (a swap, drop or double would be a typo instead)
    const pairsOfWords: [string, string][] = [['Baru', 'Biru'], ['Jaya', 'Raya'], ['Sakti', 'Sakta'], ['Putra', 'Putri'], ['Sinar', 'Sonar'], ['Indah', 'Indra'], ['Agung', 'Ayung'], ['Karya', 'Karta'], ['Maju', 'Mapu'], ['Prima', 'Prama']]
    const [w1, w2] = pick(pairsOfWords)
    const distinctive = a.words.find((w) => DISTINCTIVE.includes(w)) ?? pick(DISTINCTIVE)
    add(a, canonicalName(a, [distinctive, w1]), weakDomain(a), canonicalName(a, [distinctive, w2]), '', 0, 'nonmatch:changed_short_word')
  } else {
    const a = makeBase({ intl: true })
    const words = [...a.words]
    let w = pick(INTL_DISTINCTIVE)
    while (w === words[0]) w = pick(INTL_DISTINCTIVE)
    words[0] = w
    const b: Base = { ...a, words, domain: corporateDomain(words.slice(0, 2), 'com') }
    add(a, canonicalName(a), a.domain ? domainVariant(a.domain) : '', canonicalName(b), domainVariant(b.domain!), 0, 'nonmatch:intl_other_distinctive')
  }
}

// ---- write -----------------------------------------------------------------------------------------------------
const seen = new Set<string>()
const unique = shuffle(pairs.filter((p) => {
  const k = JSON.stringify([p.cn, p.cd, p.en, p.ed])
  if (seen.has(k)) return false
  seen.add(k)
  return true
}))
const q = (s: string) => (/[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s)
const HEADER = 'candidate_name,candidate_domain,existing_name,existing_domain,is_match'
const line = (p: Pair) => [p.cn, p.cd, p.en, p.ed, String(p.match)].map(q).join(',')
const csv = (ps: Pair[]) => [HEADER, ...ps.map(line)].join('\n') + '\n'
mkdirSync(OUT_DIR, { recursive: true })
writeFileSync(path.join(OUT_DIR, 'pairs.csv'), csv(unique))
writeFileSync(path.join(OUT_DIR, 'tune.csv'), csv(unique.filter((p) => !p.holdout)))
writeFileSync(path.join(OUT_DIR, 'holdout.csv'), csv(unique.filter((p) => p.holdout)))
const kinds = new Map<string, number>()
for (const p of unique) {
  const k = p.kind.replace(/\+(legal_form|old_spelling|language|typo|branch|surface)/g, p.kind.startsWith('match:combo') ? '' : '+$1')
  kinds.set(k, (kinds.get(k) ?? 0) + 1)
}
console.log(`pairs=${unique.length} matches=${unique.filter((p) => p.match).length} holdout=${unique.filter((p) => p.holdout).length}`)
for (const [k, n] of [...kinds].sort()) console.log(`  ${k}: ${n}`)
