import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CONFLICT_THRESHOLD,
  blockingKeys,
  companyDomain,
  describeReason,
  findConflicts,
  isFreeMailDomain,
  normaliseCompanyName,
  normaliseNpwp,
  prepareCompany,
  scoreCompanyMatch,
  type CompanyRecord,
  type MatchReason,
} from './company-match'

const T = DEFAULT_CONFLICT_THRESHOLD

function score(a: CompanyRecord | string, b: CompanyRecord | string) {
  const ra = typeof a === 'string' ? { name: a } : a
  const rb = typeof b === 'string' ? { name: b } : b
  return scoreCompanyMatch(ra, rb)
}

function isMatch(a: CompanyRecord | string, b: CompanyRecord | string) {
  return score(a, b).score >= T
}

function sharesKey(a: CompanyRecord, b: CompanyRecord) {
  const keys = new Set(blockingKeys(a))
  return blockingKeys(b).some((k) => keys.has(k))
}

describe('normaliseCompanyName', () => {
  it('lower-cases, strips accents and punctuation, removes legal forms and collapses whitespace', () => {
    expect(normaliseCompanyName('PT. Bahtêra  Glöbal Tbk')).toBe('bahtera global')
    expect(normaliseCompanyName('  Koperasi Tirta\u00a0Mandiri Makmur  ')).toBe('tirta mandiri makmur')
    expect(normaliseCompanyName('PT Pelayaran Nasional Indonesia (Persero)')).toBe('pelayaran nasional indonesia')
    expect(normaliseCompanyName('CV. MANDIRI-LANCAR')).toBe('mandiri lancar')
    expect(normaliseCompanyName('Zeníth Netwòrk Services Ltd')).toBe('zenith network services')
    expect(normaliseCompanyName('Harbor Software GmbH')).toBe('harbor software')
  })

  it('handles spelled-out and dotted legal forms, and filler such as Group', () => {
    expect(normaliseCompanyName('P.T. Maju Bersama')).toBe('maju bersama')
    expect(normaliseCompanyName('Maju Bersama Perseroan Terbatas')).toBe('maju bersama')
    expect(normaliseCompanyName('Fa. Sinar & Putra Group')).toBe('sinar putra')
  })

  it('expands common abbreviations', () => {
    expect(normaliseCompanyName('Vertex Energy Intl. Inc')).toBe('vertex energy internasional')
    // English respellings stay as typed here (a readable search form); they are folded only for comparison
    expect(normaliseCompanyName('Global Technology Solutions')).toBe('global technology solutions')
    expect(normaliseCompanyName('PT Abadi Jaya Ind. Tbk')).toBe('abadi jaya indonesia')
    expect(normaliseCompanyName('PT Cipta Sehati Tek.')).toBe('cipta sehati teknologi')
  })
})

describe('companyDomain', () => {
  it('reduces bare domains, URLs and e-mail addresses to the registrable domain', () => {
    expect(companyDomain('acme.co.id')).toBe('acme.co.id')
    expect(companyDomain('https://www.Acme.co.id/about?x=1')).toBe('acme.co.id')
    expect(companyDomain('budi.santoso@ACME.co.id')).toBe('acme.co.id')
    expect(companyDomain('http://shop.acme.com:8080/')).toBe('acme.com')
    expect(companyDomain('mail.bankbjb.co.id')).toBe('bankbjb.co.id')
    expect(companyDomain('acme.blogspot.com')).toBe('acme.blogspot.com')
  })

  it('returns null for empty or unparseable input', () => {
    expect(companyDomain('')).toBeNull()
    expect(companyDomain('   ')).toBeNull()
    expect(companyDomain(null)).toBeNull()
    expect(companyDomain(undefined)).toBeNull()
    expect(companyDomain('not a domain')).toBeNull()
  })

  it('returns null for free-mail domains, whatever the form', () => {
    for (const raw of ['gmail.com', 'budi@gmail.com', 'yahoo.co.id', 'x@yahoo.com', 'https://outlook.com', 'hotmail.co.uk', 'ymail.com', 'user@protonmail.com', 'qq.com']) {
      expect(companyDomain(raw), raw).toBeNull()
    }
    expect(isFreeMailDomain('yahoo.co.id')).toBe(true)
    expect(isFreeMailDomain('GMAIL.com')).toBe(true)
    expect(isFreeMailDomain('acme.co.id')).toBe(false)
  })
})

describe('normaliseNpwp', () => {
  it('accepts dotted and plain 15/16-digit forms', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toBe('012345678901000')
    expect(normaliseNpwp('0012345678901000')).toBe('0012345678901000')
  })
  it('rejects other lengths and empty input', () => {
    expect(normaliseNpwp('1234')).toBeNull()
    expect(normaliseNpwp('')).toBeNull()
    expect(normaliseNpwp(null)).toBeNull()
  })
})

describe('scoreCompanyMatch: same company', () => {
  it.each([
    // legal forms added, dropped, moved
    ['PT Mitra Mandiri', 'Mitra Mandiri PT'],
    ['Tirta Global Persada Tbk', 'Tirta Global Persada'],
    ['Perkasa Sentosa Teknologi (Persero)', 'PT Perkasa Sentosa Teknologi (Persero)'],
    ['Nusantara Abadi Elektronik', 'CV Nusantara Abadi Elektronik'],
    ['Persada Lancar', 'Yayasan Persada Lancar'],
    ['Koperasi Tirta Mandiri Makmur', '  Koperasi Tirta Mandiri Makmur  '],
    ['Firma Abadi-Bahagia Logistik', 'Fa. Abadi Bahagia Logistik'],
    ['Summit Marine Limited', 'Summit Marine Ltd'],
    ['Redwood Analytics Partners Inc', 'Redwood Analytics Partners'],
    ['Harbor Software Intl. GmbH', 'Harbor Software International GmbH'],
    ['Crescent Trading Labs Group', 'Crescent Trading Labs Corporation'],
    // case, punctuation, accents, whitespace
    ['PT GADING MAKMUR (PERSERO)', 'PT Gading Makmur (Persero)'],
    ['Koperasi Bahtera Global', 'Koperasi Bahtêra Glöbal'],
    ['PT  Sumber Jaya Däta Jakarta', 'PT Sumber Jaya Data Jakarta'],
    ['CV Mekar-Mandiri Niaga', 'CV Mekar Mandiri Niaga'],
    // typos: dropped and swapped letters
    ['PT Gading Sejahtera Jaya', 'PT Gadng Sejahtera Jaya'],
    ['Vertex Meidcal International Corporation', 'Vertex Medical International Corporation'],
    ['PT Global Jaya', 'PT Glboal Jaya'],
    ['PT GoTo Gjoek Tokopedia Tbk', 'PT GoTo Gojek Tokopedia Tbk'],
    // abbreviations
    ['PT Bank Danamon Indonesia Tbk', 'PT Bank Danamon Indo Tbk'],
    ['Bluewave Security Intl LLC', 'Bluewave Security International LLC'],
    ['PT Cipta Sehati Teknologi', 'PT Cipta Sehati Tek.'],
    // word order, extra words
    ['PT Jaya Mandiri', 'PT Mandiri Jaya'],
    ['PT Gading Persada Grup', 'PT Gading Persada'],
    ['Yayasan Persada Semesta Indonesia', 'Yayasan Persada Semesta'],
    // written run together
    ['Cahayapersadadigital', 'PT Cahaya Persada Digital'],
    // old Indonesian spelling, English/Indonesian spellings, typo in an English word
    ['CV Tjahaja Abadi', 'CV Cahaya Abadi'],
    ['PT Djaja Makmur', 'PT Jaya Makmur'],
    ['Apex Logistics Solutions', 'PT Apex Logistik Solusi'],
    ['Vertex Internatonal Inc', 'Vertex International'],
    // misspelt legal form or filler
    ['PT Sentosa Makmur Persro', 'PT Sentosa Makmur'],
    ['Gading Persada Gruop', 'PT Gading Persada'],
  ])('%s = %s', (a, b) => {
    expect(score(a, b).score).toBeGreaterThanOrEqual(T)
  })

  it('matches another name (acronym, brand) under the same domain', () => {
    const r = score({ name: 'KAI', domain: 'https://www.kai.id/id/kontak' }, { name: 'Kereta Api Indonesia', domain: 'joko@kai.id' })
    expect(r.score).toBeGreaterThanOrEqual(T)
    expect(r.reasons).toContainEqual({ kind: 'same_domain', domain: 'kai.id' })
    expect(r.reasons).toContainEqual({ kind: 'acronym', acronym: 'KAI', name: 'Kereta Api Indonesia' })
    expect(isMatch({ name: 'PT Indomarco Prismatama', domain: 'maya5@indomaret.co.id' }, { name: 'Indomaret', domain: 'siti7@indomaret.co.id' })).toBe(true)
  })

  it('accepts an acronym without a shared domain when the full-name company uses the acronym as its domain', () => {
    const r = score({ name: 'ANN', domain: 'gmail.com' }, { name: 'PT Abadi Nusantara Niaga (Persero)', domain: 'purchasing@ann.co.id' })
    expect(r.score).toBeGreaterThanOrEqual(T)
    expect(r.reasons).toContainEqual({ kind: 'acronym', acronym: 'ANN', name: 'PT Abadi Nusantara Niaga (Persero)' })
    expect(r.reasons).toContainEqual({ kind: 'name_in_domain', name: 'ANN', domain: 'ann.co.id' })
  })

  it('accepts a name that is the other record\'s own domain', () => {
    const r = score({ name: 'PELNI', domain: 'x@yahoo.co.id' }, { name: 'PT Pelayaran Nasional Indonesia (Persero)', domain: 'pelni.co.id' })
    expect(r.score).toBeGreaterThanOrEqual(T)
    expect(r.reasons).toContainEqual({ kind: 'name_in_domain', name: 'PELNI', domain: 'pelni.co.id' })
  })

  it('treats a name typed as a domain as that domain', () => {
    expect(isMatch({ name: 'tdp.co.id', domain: '' }, { name: 'PT Tirta Damai Perkasa', domain: 'yanti@tdp.co.id' })).toBe(true)
  })

  it('matches on NPWP whatever its format, including the 16-digit form of a 15-digit NPWP', () => {
    const r = score({ name: 'Acme', npwp: '01.234.567.8-901.000' }, { name: 'Totally Different Name', npwp: '0012345678901000' })
    expect(r.score).toBeGreaterThanOrEqual(T)
    expect(r.reasons).toContainEqual({ kind: 'same_npwp' })
  })

  it('reports the original strings in name_similar reasons', () => {
    const r = score('PT Maju  Jaya', 'Maju Jaya Tbk Indonesia')
    expect(r.reasons).toContainEqual({ kind: 'name_similar', percent: 96, a: 'PT Maju  Jaya', b: 'Maju Jaya Tbk Indonesia' })
  })
})

describe('scoreCompanyMatch: different companies', () => {
  it.each([
    // close names sharing most words
    ['PT Mitra Mandiri', 'PT Mitra Mandiri Logistik'],
    ['PT Sari Prima Data', 'PT SARI PRIMA LOGISTIK'],
    ['Koperasi Mandiri Jaya Logistik', 'Koperasi Mandiri Jaya Niaga'],
    ['CV Karya Sentosa Makassar', 'CV Karya Lancar Makassar'],
    // one changed letter in a short word is a different word, not a typo
    ['CV Makmur Baru', 'CV Makmur Biru'],
    ['PT Biru Mandiri Abadi', 'PT. Baru Mandiri Abadi'],
    // short generic names
    ['PT  Karya Sinar', 'PT Karya'],
    ['PT Damai', 'PT Damai Prima'],
    ['UD Sumber Mandiri', 'Mandiri'],
    // a word in the middle is part of the name even if it is a place ("Indo")
    ['Bahtera Perkasa', 'Bahtera Indo Perkasa PT'],
    // different cities
    ['PT Maju Jaya Jakarta', 'PT Maju Jaya Surabaya'],
    // real words one letter apart, or one the start of the other
    ['PT Sehati Prima', 'PT Sejati Prima'],
    ['CV Nusa Karya', 'CV Nusantara Karya'],
    ['PT Tama Jaya', 'PT Utama Jaya'],
  ])('%s != %s', (a, b) => {
    expect(score(a, b).score).toBeLessThan(T)
  })

  it('does not treat a subsidiary with its own domain as its parent', () => {
    expect(isMatch({ name: 'PT KAI Commuter Indonesia', domain: 'info@krl.co.id' }, { name: 'PT Kereta Api Indonesia (Persero)', domain: 'kai.id' })).toBe(false)
    expect(isMatch({ name: 'BCA Finance PT', domain: 'bcafinance.co.id' }, { name: 'Bank Central Asia', domain: 'mayagunawan@bca.co.id' })).toBe(false)
    const r = score({ name: 'PT Indofood Sukses Makmur Tbk', domain: 'indofood.com' }, { name: 'PT Indofood CBP Sukses Makmur Tbk', domain: 'https://indofoodcbp.com/about' })
    expect(r.score).toBeLessThan(T)
    expect(r.reasons).toContainEqual({ kind: 'different_domain', a: 'indofood.com', b: 'indofoodcbp.com' })
  })

  it('never counts a shared free-mail domain as identity', () => {
    const r = score({ name: 'PT Bumi Prima', domain: 'outlook.com' }, { name: 'PT CIPTA MANDIRI', domain: 'outlook.com' })
    expect(r.score).toBeLessThan(T)
    expect(r.reasons.some((x) => x.kind === 'same_domain')).toBe(false)
    expect(isMatch({ name: 'PT Cipta Sehati', domain: 'a@gmail.com' }, { name: 'PT Maju Sehati', domain: 'b@gmail.com' })).toBe(false)
  })

  it('does not let a free-mail address on one side count against the same company', () => {
    expect(isMatch({ name: 'PT Abadi Jaya Niaga', domain: 'gmail.com' }, { name: 'PT Abadi Jaya Niaga Group', domain: 'ajn.co.id' })).toBe(true)
  })

  it('needs a shared domain to accept an acronym alone', () => {
    const r = score('PT BCA', 'Bank Central Asia')
    expect(r.reasons.some((x) => x.kind === 'acronym')).toBe(true)
    expect(r.score).toBeLessThan(T)
  })

  it('treats a different NPWP as strong evidence against', () => {
    expect(isMatch({ name: 'PT Maju Jaya', npwp: '012345678901000' }, { name: 'PT Maju Jaya', npwp: '019876543210000' })).toBe(false)
  })
})

describe('blockingKeys', () => {
  const pairs: [CompanyRecord, CompanyRecord][] = [
    [{ name: 'PT Gading Sejahtera Jaya' }, { name: 'PT Gadng Sejahtera Jaya' }],
    [{ name: 'PT Sehati Gloal' }, { name: 'PT Sehati Global' }],
    [{ name: 'Firma Trita Jaya' }, { name: 'Firma Tirta Jaya' }],
    [{ name: 'Koperasi Perkasa Mandiri' }, { name: 'Koperasi Mandiri Perkasa' }],
    [{ name: 'PT Perkasa Sentral Niaga Indonesia' }, { name: 'PT Perkasa Sentral Niaga' }],
    [{ name: 'Cahayapersadadigital' }, { name: 'PT Cahaya Persada Digital' }],
    [{ name: 'KAI', domain: 'kai.id' }, { name: 'Kereta Api Indonesia', domain: 'joko@kai.id' }],
    [{ name: 'Acme', npwp: '01.234.567.8-901.000' }, { name: 'Other', npwp: '012345678901000' }],
  ]
  it.each(pairs)('a matching pair shares a key: %o / %o', (a, b) => {
    expect(sharesKey(a, b)).toBe(true)
  })

  it('stays small and never keys on a free-mail domain or a lone legal form', () => {
    const keys = blockingKeys({ name: 'PT Bank Pembangunan Daerah Jawa Barat dan Banten Tbk', domain: 'x@gmail.com' })
    expect(keys.length).toBeLessThanOrEqual(30)
    expect(keys.some((k) => k.includes('gmail'))).toBe(false)
    expect(keys.some((k) => k === 'o:pt' || k.includes('tbk'))).toBe(false)
    expect(blockingKeys({ name: 'PT Maju Jaya', domain: 'majujaya.co.id' })).toContain('d:majujaya.co.id')
  })
})

describe('findConflicts', () => {
  const pool = [
    { id: 'a1', name: 'PT Sentral Semesta', domain: 'yuliahalim66@sentral-semesta.id' },
    { id: 'a2', name: 'PT Sentral Semesta Logistik', domain: 'sentralsemestalogistik.co.id' },
    { id: 'a3', name: 'Sentral Semesta', domain: null },
    { id: 'a4', name: 'PT Semesta Sentral Tbk', domain: 'gmail.com' },
  ]

  it('returns every record at or above the threshold, best first', () => {
    const found = findConflicts({ name: 'PT Sentral Semesta Group', domain: 'https://www.sentral-semesta.id' }, pool)
    expect(found.map((c) => c.id)).toEqual(['a1', 'a3', 'a4'])
    expect(found[0]!.score).toBeGreaterThanOrEqual(found[1]!.score)
    expect(found[0]!.reasons).toContainEqual({ kind: 'same_domain', domain: 'sentral-semesta.id' })
  })

  it('accepts prepared records and a custom threshold', () => {
    const prepared = pool.map((r) => ({ ...prepareCompany(r), id: r.id }))
    expect(findConflicts(prepareCompany({ name: 'Sentral Semesta' }), prepared, 0.99).map((c) => c.id)).toEqual(['a1', 'a3'])
  })
})

describe('describeReason', () => {
  const cases: [MatchReason, string, string][] = [
    [{ kind: 'same_domain', domain: 'majujaya.co.id' }, 'same domain majujaya.co.id', 'domain sama majujaya.co.id'],
    [
      { kind: 'name_similar', percent: 91, a: 'PT Maju Jaya', b: 'Maju  Jaya Tbk' },
      "name 91% similar: 'PT Maju Jaya' / 'Maju Jaya Tbk'",
      "nama 91% mirip: 'PT Maju Jaya' / 'Maju Jaya Tbk'",
    ],
    [{ kind: 'same_npwp' }, 'same NPWP', 'NPWP sama'],
    [{ kind: 'acronym', acronym: 'KAI', name: 'Kereta Api Indonesia' }, "'KAI' is an acronym of 'Kereta Api Indonesia'", "'KAI' adalah singkatan dari 'Kereta Api Indonesia'"],
  ]
  it.each(cases)('%o', (reason, en, id) => {
    expect(describeReason(reason, 'en')).toBe(en)
    expect(describeReason(reason, 'id')).toBe(id)
  })

  it('has a sentence for every reason produced by scoring', () => {
    const r = score({ name: 'PT Indofood Sukses Makmur Tbk', domain: 'indofood.com' }, { name: 'PT Indofood CBP Sukses Makmur Tbk', domain: 'indofoodcbp.com' })
    for (const reason of r.reasons) {
      expect(describeReason(reason, 'en')).toMatch(/\w/)
      expect(describeReason(reason, 'id')).toMatch(/\w/)
    }
  })
})
