/**
 * One test per class of real-world variation of issue 17, and for the precision traps. Each pair is asserted
 * through the public behaviour: reported at the default threshold or not, found through a shared blocking key, and
 * explained in words.
 */
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CONFLICT_THRESHOLD,
  blockingKeys,
  companyDomain,
  defaultRarity,
  describeReason,
  foldSpelling,
  MIN_STATS_RECORDS,
  prepareCompany,
  rarityFromStats,
  scoreCompanyMatch,
  wordKeys,
  type CompanyRecord,
  type ScoreOptions,
} from './company-match'

const rec = (r: CompanyRecord | string): CompanyRecord => (typeof r === 'string' ? { name: r } : r)

function reported(a: CompanyRecord | string, b: CompanyRecord | string, opts?: ScoreOptions) {
  return scoreCompanyMatch(rec(a), rec(b), opts).score >= DEFAULT_CONFLICT_THRESHOLD
}

/** A match must be both scored over the threshold and findable through the key index, from either side. */
function expectMatch(a: CompanyRecord | string, b: CompanyRecord | string) {
  expect(reported(a, b), `${JSON.stringify(a)} ~ ${JSON.stringify(b)}`).toBe(true)
  expect(reported(b, a), `${JSON.stringify(b)} ~ ${JSON.stringify(a)}`).toBe(true)
  const keys = new Set(blockingKeys(rec(b)))
  expect(blockingKeys(rec(a)).some((k) => keys.has(k)), `no shared key: ${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(true)
}

function expectNoMatch(a: CompanyRecord | string, b: CompanyRecord | string, opts?: ScoreOptions) {
  expect(reported(a, b, opts), `${JSON.stringify(a)} !~ ${JSON.stringify(b)}`).toBe(false)
  expect(reported(b, a, opts), `${JSON.stringify(b)} !~ ${JSON.stringify(a)}`).toBe(false)
}

describe('branch and office qualifiers', () => {
  it.each([
    ['PT Bahtera Samudra Cabang Surabaya', 'PT Bahtera Samudra'],
    ['CV Kencana Maju - Cabang Bekasi', 'CV Kencana Maju'],
    ['PT Rajawali Nusantara (Kantor Pusat)', 'PT Rajawali Nusantara'],
    ['Cendana Logistik Head Office', 'PT Cendana Logistik'],
    ['PT Mahkota Prima Kantor Perwakilan Medan', 'PT Mahkota Prima'],
    ['Redwood Analytics Regional Office', 'Redwood Analytics Ltd'],
    ['Harbor Systems Makassar Branch', 'Harbor Systems Inc'],
    ['PT Gading Jaya (Cabang Depok)', 'PT Gading Jaya Kantor Pusat'],
    ['PT Merapi Sentosa Cab. Bogor', 'PT Merapi Sentosa'],
    ['Harbor Systems Singapore Branch', 'Harbor Systems Pte Ltd'],
    ['Redwood Analytics Rep Office', 'Redwood Analytics Inc'],
    ['PT Bank Merapi Tbk KCP Sudirman', 'PT Bank Merapi Tbk'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))

  it('a qualifier is never the whole name, and a bare "Branch" after one word is part of the name', () => {
    expect(prepareCompany({ name: 'Cabang Surabaya' }).tokens.length).toBeGreaterThan(0)
    expectNoMatch('Olive Branch Ltd', 'Olive Ltd')
  })
})

describe('legal forms spelled out, abbreviated, moved or missing', () => {
  it.each([
    ['Perseroan Terbatas Bahtera Samudra', 'PT Bahtera Samudra'],
    ['Perusahaan Perseroan Krakatau Baja', 'PT Krakatau Baja (Persero)'],
    ['Yys. Cendana Kasih', 'Yayasan Cendana Kasih'],
    ['KSP Tirta Makmur', 'Koperasi Simpan Pinjam Tirta Makmur'],
    ['Kop. Simpan Pinjam Tirta Makmur', 'KSP Tirta Makmur'],
    ['Fa Santoso Gunawan', 'Firma Santoso Gunawan'],
    ['UD Merapi Jaya', 'Usaha Dagang Merapi Jaya'],
    ['Gemilang Sentosa, CV', 'CV Gemilang Sentosa'],
    ['Gading Kencana Tbk', 'PT Gading Kencana'],
    ['Kestrel Pharma Limited', 'Kestrel Pharma'],
    ['KSU Tirta Makmur', 'Koperasi Serba Usaha Tirta Makmur'],
    ['Kopkar Sinar Bahtera', 'Koperasi Karyawan Sinar Bahtera'],
    ['Bahtera Kasih Foundation', 'Yayasan Bahtera Kasih'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))
})

describe('trading name and legal name on the same corporate domain', () => {
  const legal = { name: 'PT Bumi Berkah Boga', domain: 'kopikenangan.com' }
  it.each(['kopikenangan.com', 'https://www.kopikenangan.com/menu?utm_source=ig', 'budi@kopikenangan.com', 'mail.kopikenangan.com', 'id.kopikenangan.com', 'sales@mail.kopikenangan.com'])(
    'Kopi Kenangan <%s> ~ PT Bumi Berkah Boga',
    (domain) => expectMatch({ name: 'Kopi Kenangan', domain }, legal),
  )

  it('free mail and shared hosting never tie two names', () => {
    expect(companyDomain('kopi@gmail.com')).toBeNull()
    expect(companyDomain('https://www.tokopedia.com/kopikenangan')).toBeNull()
    expect(companyDomain('https://www.wixsite.com/kopikenangan')).toBeNull()
    expect(companyDomain('https://s.id/kopikenangan')).toBeNull()
    expectNoMatch({ name: 'Kopi Kenangan', domain: 'kopi@gmail.com' }, { name: 'PT Bumi Berkah Boga', domain: 'admin@gmail.com' })
    expectNoMatch({ name: 'Kopi Kenangan', domain: 'https://www.instagram.com/kopikenangan' }, { name: 'PT Bumi Berkah Boga', domain: 'https://www.instagram.com/bumiberkah' })
  })
})

describe('old Indonesian spelling', () => {
  it.each([
    ['PT Djakarta Lloyd', 'PT Jakarta Lloyd'],
    ['PT Tjiputra Graha', 'PT Ciputra Graha'],
    ['CV Soekarno Mandiri', 'CV Sukarno Mandiri'],
    ['PT Bahtera Sentausa', 'PT Bahtera Sentosa'],
    ['Toko Djaja Kentjana', 'Toko Jaya Kencana'],
    ['PT Joewono Perkasa', 'PT Yuwono Perkasa'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))

  it('folds old and modern spelling to one form', () => {
    expect(foldSpelling('djakarta')).toBe(foldSpelling('jakarta'))
    expect(foldSpelling('tjiputra')).toBe(foldSpelling('ciputra'))
    expect(foldSpelling('soekarno')).toBe(foldSpelling('sukarno'))
  })
})

describe('English and Indonesian word forms', () => {
  it.each([
    ['PT Rajawali Systems', 'PT Rajawali Sistem'],
    ['Kencana Technology', 'PT Kencana Teknologi'],
    ['PT Merapi Telecommunication', 'PT Merapi Telekomunikasi'],
    ['Harbor Logistics Pte Ltd', 'Harbor Logistik'],
    ['Cendana Construction', 'CV Cendana Konstruksi'],
    ['Orion Communication Ltd', 'Orion Komunikasi'],
    ['Gading Creative Media', 'CV Gading Kreatif Media'],
    ['PT Merapi Consulting', 'PT Merapi Konsultan'],
    ['PT Gading Manufacturing', 'PT Gading Manufaktur'],
    ['PT Merapi Automotive', 'PT Merapi Otomotif'],
    ['PT Kencana Securities', 'PT Kencana Sekuritas'],
    ['Merapi Express', 'PT Merapi Ekspres'],
    ['PT Kencana Production', 'PT Kencana Produksi'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))

  it('folds the spellings, keeps acronyms as they are', () => {
    expect(foldSpelling('systems')).toBe(foldSpelling('sistem'))
    expect(foldSpelling('technology')).toBe(foldSpelling('teknologi'))
    expect(foldSpelling('telecommunication')).toBe(foldSpelling('telekomunikasi'))
    expect(foldSpelling('bca')).toBe('bca')
  })
})

describe('typos, spacing, glued words, accents and non-breaking spaces', () => {
  it.each([
    ['PT Bahtera Samdura', 'PT Bahtera Samudra'], // swap
    ['PT Bahtera Sakit Samudra', 'PT Bahtera Sakti Samudra'], // swap in a five-letter word
    ['CV Kencna Maju', 'CV Kencana Maju'], // dropped letter
    ['CV Kencana Majju', 'CV Kencana Maju'], // doubled letter
    ['CV Gading Perkaa', 'CV Gading Perkasa'], // dropped letter that leaves a double vowel
    ['PT Mandiri Maju', 'PT Maju Mandiri'], // reordered
    ['PT Sjati Makmur Maju', 'PT Maju Sejati Makmur'], // dropped letter and reordered
    ['PT  Bahtera   Samudra', 'PT Bahtera Samudra'],
    ['PT Astrainternational', 'PT Astra International'],
    ['PT Bahterasamudra Jaya', 'PT Bahtera Samudra Jaya'],
    ['PT Bahtéra Samüdra', 'PT Bahtera Samudra'],
    ['PT\u00a0Bahtera\u00a0Samudra', 'PT Bahtera Samudra'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))
})

describe('two variations in one pair', () => {
  it.each([
    ['Yys. Cendana Kasih Cabang Medan', 'Yayasan Cendana Kasih'],
    ['PT Djaja Rajawali Systems', 'PT Jaya Rajawali Sistem'],
    ['Tjendana Logistics, PT', 'PT Cendana Logistik'],
    ['PT Kencana Techology Head Office', 'PT Kencana Teknologi'],
  ])('%s ~ %s', (a, b) => expectMatch(a, b))
})

describe('precision traps', () => {
  it('a different distinctive word among shared generic words', () => {
    expectNoMatch('PT Bahtera Maju Jaya', 'PT Kencana Maju Jaya')
    expectNoMatch('PT Sukses Makmur Gading', 'PT Sukses Makmur Rajawali')
    expectNoMatch('PT Global Teknologi Cendana', 'PT Global Teknologi Merapi')
  })

  it('a different city', () => {
    expectNoMatch('PT Sukses Makmur Surabaya', 'PT Sukses Makmur Medan')
    expectNoMatch({ name: 'PT Sukses Global Palembang' }, { name: 'PT Sukses Global Semarang', domain: 'sukses-global.co.id' })
  })

  it('the same generic name under two different corporate domains', () => {
    expectNoMatch({ name: 'PT Sumber Sejahtera', domain: 'sumbermanado.net' }, { name: 'UD Sumber Sejahtera', domain: 'sumbersejahtera.co.id' })
    expectNoMatch({ name: 'CV Global Teknologi', domain: 'globaltek.co.id' }, { name: 'PT Global Teknologi', domain: 'gtsolusi.com' })
  })

  it('...while a distinctive name under two domains is still the same company', () => {
    expect(reported({ name: 'PT Bahtera Samudra', domain: 'bahtera.co.id' }, { name: 'PT Bahtera Samudra', domain: 'bahterasamudra.com' })).toBe(true)
  })

  it('a sister company and a changed short word', () => {
    expectNoMatch('PT Mitra Mandiri', 'PT Mitra Mandiri Logistik')
    expectNoMatch('PT Makmur Baru', 'PT Makmur Biru')
    expectNoMatch('PT Bahtera Putra', 'PT Bahtera Putri')
  })
})

describe('rarity', () => {
  it('without statistics, common name words weigh little and other words fully', () => {
    const fold = (w: string) => prepareCompany({ name: w }).tokens[0]!
    expect(defaultRarity(fold('Jaya'))).toBeLessThan(0.5)
    expect(defaultRarity(fold('Teknologi'))).toBeLessThan(0.5)
    expect(defaultRarity(fold('Bahtera'))).toBe(1)
  })

  it('from word counts: a word most accounts carry is weak, a word few carry is distinctive', () => {
    const total = 100_000
    const counts = new Map([['jaya', 20_000], ['bahtera', 40]])
    const rarity = rarityFromStats({ total, count: (t) => counts.get(t) })
    expect(rarity('jaya')).toBeLessThan(0.2)
    expect(rarity('bahtera')).toBe(1)
    expect(rarity('neverseen')).toBe(1)
  })

  it('falls back to the built-in rarity when there are too few accounts to count', () => {
    const rarity = rarityFromStats({ total: MIN_STATS_RECORDS - 1, count: () => 1 })
    expect(rarity).toBe(defaultRarity)
  })

  it('statistics decide: a word the accounts show to be common no longer carries a different-domain pair', () => {
    const a = { name: 'PT Kahuripan Jaya', domain: 'kahuripan-jaya.co.id' }
    const b = { name: 'PT Kahuripan Jaya', domain: 'kj-surabaya.co.id' }
    expect(reported(a, b)).toBe(true)
    const common = rarityFromStats({ total: 100_000, count: () => 30_000 })
    expect(reported(a, b, { rarity: common })).toBe(false)
  })

  it('word keys are the folded words, once each', () => {
    expect(wordKeys({ name: 'PT Djaja Jaya Systems' })).toEqual(['w:yaya', 'w:sistem'])
  })
})

describe('explanations', () => {
  it('explains a match found through the domain in both languages', () => {
    const { reasons } = scoreCompanyMatch({ name: 'Kopi Kenangan', domain: 'mail.kopikenangan.com' }, { name: 'PT Bumi Berkah Boga', domain: 'https://kopikenangan.com/about' })
    expect(reasons.map((r) => describeReason(r, 'en'))).toContain('same domain kopikenangan.com')
    expect(reasons.map((r) => describeReason(r, 'id'))).toContain('domain sama kopikenangan.com')
  })

  it('explains a name match with the names as typed', () => {
    const { reasons } = scoreCompanyMatch({ name: 'PT Djaja Rajawali Systems' }, { name: 'PT Jaya Rajawali Sistem' })
    const en = reasons.map((r) => describeReason(r, 'en')).join('; ')
    const id = reasons.map((r) => describeReason(r, 'id')).join('; ')
    expect(en).toMatch(/Djaja Rajawali Systems/)
    expect(id).toMatch(/Djaja Rajawali Systems/)
  })
})
