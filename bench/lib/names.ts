// Company, person and place names for generated data: Indonesian names mixed from common words (as the seed does,
// with a much larger vocabulary) and international names, with the word popularity skewed like real names are
// ("Maju", "Jaya" and "Makmur" are everywhere; "Kharisma" is rare). Also typo and legal-form variants of a name,
// the way a reseller would type an existing customer into a deal registration.
import { pick, weighted, Zipf, type Rng } from './rng'

// Ordered roughly by how common the word is in real Indonesian company names: the Zipf draw favours the front.
const ID_WORDS = [
  'Maju', 'Jaya', 'Makmur', 'Sentosa', 'Abadi', 'Sejahtera', 'Mandiri', 'Karya', 'Sinar', 'Cahaya', 'Mitra', 'Bumi',
  'Prima', 'Mega', 'Utama', 'Sukses', 'Berkah', 'Anugerah', 'Putra', 'Indah', 'Lestari', 'Perkasa', 'Gemilang',
  'Persada', 'Bersama', 'Sakti', 'Agung', 'Mulia', 'Raya', 'Baru', 'Tunggal', 'Setia', 'Harapan', 'Citra', 'Surya',
  'Graha', 'Tirta', 'Bahtera', 'Samudra', 'Gading', 'Lancar', 'Cemerlang', 'Kencana', 'Permata', 'Intan', 'Mas',
  'Wijaya', 'Kusuma', 'Dharma', 'Sarana', 'Buana', 'Sumber', 'Rejeki', 'Langgeng', 'Santosa', 'Bintang', 'Matahari',
  'Pelangi', 'Cipta', 'Kreasi', 'Inti', 'Daya', 'Guna', 'Multi', 'Artha', 'Niaga', 'Dinamika', 'Tama', 'Swadaya',
  'Adi', 'Pratama', 'Wahana', 'Sinergi', 'Andalan', 'Bina', 'Tata', 'Kharisma', 'Harmoni', 'Pusaka', 'Sejati',
  'Dwi', 'Tri', 'Catur', 'Panca', 'Eka', 'Cakra', 'Garuda', 'Rajawali', 'Merpati', 'Kartika', 'Nirwana', 'Puspa',
  'Sempurna', 'Gemintang', 'Lentera', 'Pijar', 'Purnama', 'Angkasa', 'Segara', 'Nusa', 'Arunika', 'Candra',
  'Dirgantara', 'Mahkota', 'Pertiwi', 'Semesta', 'Widya', 'Yasa', 'Loka', 'Bhakti', 'Karunia', 'Rahayu',
]
const SECTORS = [
  'Teknologi', 'Logistik', 'Farma', 'Energi', 'Retail', 'Properti', 'Agro', 'Konstruksi', 'Media', 'Finansial',
  'Tekstil', 'Pangan', 'Kimia', 'Otomotif', 'Telekomunikasi', 'Elektronik', 'Informatika', 'Solusi', 'Sistem',
  'Digital', 'Data', 'Kreatif', 'Industri', 'Trading', 'Distribusi', 'Ekspres', 'Transportasi', 'Medika',
  'Perkebunan', 'Pertambangan', 'Kontraktor', 'Komputindo', 'Multimedia', 'Mineral', 'Plastik', 'Kertas', 'Baja',
  'Semen', 'Garmen', 'Furnitur',
]
/** Used as the industry column; a subset of the sector words so the filter has a sensible number of values. */
export const INDUSTRIES = [
  'Teknologi', 'Logistik', 'Farmasi', 'Energi', 'Retail', 'Properti', 'Agribisnis', 'Konstruksi', 'Media',
  'Keuangan', 'Tekstil', 'Makanan & Minuman', 'Kimia', 'Otomotif', 'Telekomunikasi', 'Manufaktur', 'Pertambangan',
  'Kesehatan', 'Pendidikan', 'Pemerintahan',
]
const INTL_FIRST = [
  'Orion', 'Redwood', 'Bluefin', 'Kestrel', 'Northwind', 'Helix', 'Summit', 'Atlas', 'Pacific', 'Meridian', 'Apex',
  'Vertex', 'Crescent', 'Silverline', 'Evergreen', 'Harbor', 'Falcon', 'Nimbus', 'Quantum', 'Zenith', 'Sterling',
  'Cobalt', 'Granite', 'Horizon', 'Beacon', 'Lumen', 'Polaris', 'Sapphire', 'Titan', 'Vanguard', 'Aurora', 'Cascade',
  'Ember', 'Frontier', 'Keystone', 'Nova', 'Pinnacle', 'Sequoia', 'Trident', 'Unity', 'Bright', 'Clearwater',
  'Golden', 'Ironwood', 'Lighthouse', 'Oakridge', 'Riverstone', 'Skyline', 'Westbridge', 'Jadeite',
]
const INTL_SECOND = [
  'Network', 'Analytics', 'Logistics', 'Health', 'Traders', 'Biotech', 'Payments', 'Robotics', 'Systems', 'Software',
  'Labs', 'Capital', 'Foods', 'Energy', 'Engineering', 'Holdings', 'Technologies', 'Solutions', 'Consulting',
  'Industries', 'Electronics', 'Semiconductor', 'Pharma', 'Mobility', 'Security', 'Cloud', 'Data', 'Devices',
]
const INTL_SUFFIX: readonly (readonly [string, number])[] = [
  ['Indonesia', 5], ['Asia', 2], ['Asia Pacific', 1], ['Group', 1], ['', 3],
]
export const FIRST_NAMES = [
  'Budi', 'Siti', 'Agus', 'Dewi', 'Eko', 'Rina', 'Hendra', 'Lina', 'Fajar', 'Yulia', 'Bayu', 'Ratna', 'Andi', 'Putri',
  'Joko', 'Maya', 'Adi', 'Indah', 'Rizky', 'Nur', 'Wahyu', 'Sri', 'Dian', 'Arif', 'Fitri', 'Hadi', 'Ayu', 'Yoga',
  'Citra', 'Teguh', 'Wulan', 'Kevin', 'Michael', 'Jessica', 'Daniel', 'Stephanie', 'David', 'Grace', 'William',
]
export const LAST_NAMES = [
  'Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Siregar', 'Hasibuan', 'Pratama', 'Kusuma', 'Nugroho', 'Halim',
  'Tanjung', 'Sitompul', 'Setiawan', 'Hidayat', 'Gunawan', 'Susanto', 'Wibowo', 'Purnomo', 'Nasution', 'Lubis',
  'Simanjuntak', 'Tanoto', 'Salim', 'Sutanto', 'Hartono', 'Rahman', 'Firmansyah', 'Handoko', 'Tan', 'Lim',
]
export const TITLES = ['Direktur Utama', 'IT Manager', 'Procurement Lead', 'CFO', 'Head of Operations', 'CTO', 'Finance Manager', 'Purchasing Staff', 'General Manager', 'Project Manager']

/** City, region and how much of the customer base sits there (Jabodetabek dominates, like real B2B data). */
export const PLACES: readonly (readonly [string, string, number])[] = [
  ['Jakarta Selatan', 'DKI Jakarta', 14], ['Jakarta Pusat', 'DKI Jakarta', 9], ['Jakarta Barat', 'DKI Jakarta', 7],
  ['Jakarta Utara', 'DKI Jakarta', 5], ['Jakarta Timur', 'DKI Jakarta', 4], ['Tangerang', 'Banten', 7],
  ['Bekasi', 'Jawa Barat', 5], ['Bandung', 'Jawa Barat', 7], ['Bogor', 'Jawa Barat', 3], ['Surabaya', 'Jawa Timur', 9],
  ['Malang', 'Jawa Timur', 2], ['Semarang', 'Jawa Tengah', 4], ['Solo', 'Jawa Tengah', 1], ['Yogyakarta', 'DI Yogyakarta', 2],
  ['Medan', 'Sumatera Utara', 4], ['Palembang', 'Sumatera Selatan', 2], ['Pekanbaru', 'Riau', 1], ['Batam', 'Kepulauan Riau', 2],
  ['Makassar', 'Sulawesi Selatan', 2], ['Manado', 'Sulawesi Utara', 1], ['Denpasar', 'Bali', 2], ['Balikpapan', 'Kalimantan Timur', 1],
  ['Samarinda', 'Kalimantan Timur', 1], ['Pontianak', 'Kalimantan Barat', 1], ['Banjarmasin', 'Kalimantan Selatan', 1],
  ['Jayapura', 'Papua', 0.5], ['Kupang', 'Nusa Tenggara Timur', 0.5], ['Mataram', 'Nusa Tenggara Barat', 0.5],
]
const PLACE_ENTRIES = PLACES.map((p) => [p, p[2]] as const)

export function pickPlace(rng: Rng): { city: string; region: string } {
  const [city, region] = weighted(rng, PLACE_ENTRIES)
  return { city, region }
}

/** A company name before its legal form, and the legal form it is written with. */
export type CompanyName = { base: string; name: string; international: boolean }

const wordZipf = new Zipf(ID_WORDS.length, 0.8)
const sectorZipf = new Zipf(SECTORS.length, 0.6)

function idWord(rng: Rng): string {
  return ID_WORDS[wordZipf.sample(rng)]!
}

function distinctWords(rng: Rng, n: number): string[] {
  const out: string[] = []
  while (out.length < n) {
    const w = idWord(rng)
    if (!out.includes(w)) out.push(w)
  }
  return out
}

/** A new company name: ~85% Indonesian word mixes, ~10% international subsidiaries, ~5% named after a person. */
export function companyName(rng: Rng): CompanyName {
  const r = rng()
  if (r < 0.1) {
    const suffix = weighted(rng, INTL_SUFFIX)
    const base = [pick(rng, INTL_FIRST), pick(rng, INTL_SECOND), suffix].filter(Boolean).join(' ')
    const form = suffix === 'Indonesia' || suffix === '' ? 'PT' : weighted(rng, [['PT', 3], ['Pte Ltd', 2], ['Ltd', 1], ['Inc', 1], ['Sdn Bhd', 1]] as const)
    return { base, name: form === 'PT' ? `PT ${base}` : `${base} ${form}`, international: true }
  }
  let base: string
  if (r < 0.15) base = `${pick(rng, FIRST_NAMES)} ${idWord(rng)}${rng() < 0.5 ? ` ${SECTORS[sectorZipf.sample(rng)]}` : ''}`
  else {
    const shape = rng()
    if (shape < 0.2) base = distinctWords(rng, 2).join(' ')
    else if (shape < 0.7) base = `${distinctWords(rng, 2).join(' ')} ${SECTORS[sectorZipf.sample(rng)]}`
    else if (shape < 0.9) base = distinctWords(rng, 3).join(' ')
    else base = `${distinctWords(rng, 3).join(' ')} ${SECTORS[sectorZipf.sample(rng)]}`
    if (rng() < 0.06) base += ` ${rng() < 0.6 ? 'Indonesia' : pickPlace(rng).city.split(' ')[0]}`
  }
  const form = weighted(rng, [['PT', 70], ['CV', 18], ['UD', 4], ['Tbk', 2], ['', 6]] as const)
  const name = form === 'Tbk' ? `PT ${base} Tbk` : form ? `${form} ${base}` : base
  return { base, name, international: false }
}

/** Lower-case letters only, for domains and e-mail addresses. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

export function companyDomainFor(rng: Rng, base: string, international: boolean): string {
  const s = slug(base).slice(0, 40) || 'perusahaan'
  if (international) return `${s}.${pick(rng, ['com', 'co.id', 'asia', 'com.sg'])}`
  return `${s}.${weighted(rng, [['co.id', 6], ['com', 3], ['id', 1]] as const)}`
}

// ---- variants: how people retype an existing customer -----------------------------------------------------------

function typo(rng: Rng, word: string): string {
  if (word.length < 5) return word
  const i = 1 + Math.floor(rng() * (word.length - 2))
  const kind = rng()
  if (kind < 0.4) return word.slice(0, i) + word.slice(i + 1) // dropped letter
  if (kind < 0.7) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) // swapped neighbours
  const letters = 'aeiounrstlkm'
  return word.slice(0, i) + letters[Math.floor(rng() * letters.length)] + word.slice(i + 1) // changed letter
}

const LEGAL_PREFIX = /^(PT|CV|UD)\.?\s+/i
const LEGAL_SUFFIX = /\s+(Tbk|Pte Ltd|Ltd|Inc|Sdn Bhd)$/i

/**
 * A retyped version of an existing company name: a typo, another legal form, words reordered, an added
 * "Indonesia" or city, upper case, or an abbreviation. One or two of these at a time, as in real registrations.
 */
export function nameVariant(rng: Rng, name: string): string {
  let core = name.replace(LEGAL_PREFIX, '').replace(LEGAL_SUFFIX, '')
  const changes = 1 + (rng() < 0.35 ? 1 : 0)
  let form = LEGAL_PREFIX.exec(name)?.[1] ?? ''
  for (let c = 0; c < changes; c++) {
    const words = core.split(' ')
    const kind = rng()
    if (kind < 0.35) {
      const longest = words.reduce((best, w, i) => (w.length > words[best]!.length ? i : best), 0)
      words[longest] = typo(rng, words[longest]!)
      core = words.join(' ')
    } else if (kind < 0.55) form = pick(rng, ['PT', 'CV', 'PT.', '', 'P.T.'])
    else if (kind < 0.65 && words.length >= 2) core = [...words.slice(1), words[0]].join(' ')
    else if (kind < 0.75) core = `${core} ${pick(rng, ['Indonesia', 'Jakarta', 'Group', 'Surabaya'])}`
    else if (kind < 0.85) core = core.toUpperCase()
    else core = core.replace('Teknologi', 'Tek.').replace('Internasional', 'Intl').replace('Logistik', 'Logistics').replace('Indonesia', 'Indo')
  }
  return form ? `${form} ${core}` : core
}
