// Demo data: the vendor, three partners, two suppliers, one documented login per role and
// about 200 customer accounts with contacts, leads, activities and opportunities in two
// pipelines. `--if-empty` (used by `npm start`) seeds only a database with no organisations.
import { count } from 'drizzle-orm'
import { organisations } from '../db/schema'
import { closeDb, db } from '../app/utils/db.server'
import { DAY_MS } from '../app/utils/dates'
import type { Role } from '../app/modules/auth/roles'
import { cachedHash, makeAccount, makeActivity, makeContact, makeLead, makeOpportunity, makeOrg, makePipeline, makeUser } from '../tests/factories'

export const DEMO_PASSWORD = 'mitra-demo-2026'

export const DEMO_LOGINS: { email: string; org: string; role: Role; name: string }[] = [
  { email: 'admin@mitra.test', org: 'PT Nusantara Teknologi', role: 'admin', name: 'Dewi Lestari' },
  { email: 'manager@mitra.test', org: 'PT Nusantara Teknologi', role: 'partner_manager', name: 'Rudi Hartono' },
  { email: 'procurement@mitra.test', org: 'PT Nusantara Teknologi', role: 'procurement_manager', name: 'Sari Wulandari' },
  { email: 'sales@mitra.test', org: 'PT Nusantara Teknologi', role: 'sales', name: 'Agus Setiawan' },
  { email: 'admin@majujaya.test', org: 'PT Maju Jaya Solusi', role: 'partner_admin', name: 'Budi Santoso' },
  { email: 'user@majujaya.test', org: 'PT Maju Jaya Solusi', role: 'partner_user', name: 'Rina Kusuma' },
  { email: 'admin@sinardigital.test', org: 'CV Sinar Digital', role: 'partner_admin', name: 'Hendra Wijaya' },
  { email: 'admin@sumbermakmur.test', org: 'PT Sumber Makmur Elektronik', role: 'supplier_admin', name: 'Yulia Pratama' },
]

/** A small deterministic random generator, so every fresh demo looks the same. */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS_A = ['Maju', 'Sinar', 'Cahaya', 'Karya', 'Bumi', 'Mitra', 'Sentosa', 'Abadi', 'Gading', 'Tirta', 'Bahtera', 'Samudra', 'Mega', 'Prima', 'Anugerah', 'Berkah', 'Nusa', 'Citra', 'Harapan', 'Lestari', 'Graha', 'Surya', 'Jaya', 'Indah']
const WORDS_B = ['Sejahtera', 'Makmur', 'Persada', 'Mandiri', 'Utama', 'Perkasa', 'Sakti', 'Gemilang', 'Abadi', 'Sentosa', 'Lancar', 'Cemerlang', 'Bersama', 'Global', 'Nusantara']
const WORDS_C = ['Teknologi', 'Logistik', 'Farma', 'Energi', 'Retail', 'Properti', 'Agro', 'Konstruksi', 'Media', 'Finansial', 'Tekstil', 'Pangan', 'Kimia', 'Otomotif', 'Telekomunikasi']
const INTERNATIONAL = ['Orion Network Labs', 'Redwood Analytics', 'Bluefin Logistics', 'Kestrel Health', 'Northwind Traders', 'Helix Biotech', 'Summit Payments', 'Atlas Robotics']
const PLACES: [string, string][] = [
  ['Jakarta Selatan', 'DKI Jakarta'], ['Jakarta Pusat', 'DKI Jakarta'], ['Surabaya', 'Jawa Timur'], ['Bandung', 'Jawa Barat'], ['Semarang', 'Jawa Tengah'], ['Medan', 'Sumatera Utara'],
  ['Makassar', 'Sulawesi Selatan'], ['Denpasar', 'Bali'], ['Balikpapan', 'Kalimantan Timur'], ['Yogyakarta', 'DI Yogyakarta'], ['Palembang', 'Sumatera Selatan'], ['Tangerang', 'Banten'],
]
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Eko', 'Rina', 'Hendra', 'Lina', 'Fajar', 'Yulia', 'Bayu', 'Ratna', 'Andi', 'Putri', 'Joko', 'Maya']
const LAST = ['Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Siregar', 'Hasibuan', 'Pratama', 'Kusuma', 'Nugroho', 'Halim', 'Tanjung', 'Sitompul']
// the vendor's sales team writes its CRM in Bahasa Indonesia, as an Indonesian vendor's would
const TITLES = ['Direktur Utama', 'Manajer TI', 'Kepala Pengadaan', 'Direktur Keuangan', 'Kepala Operasional', 'Direktur Teknologi', 'Manajer Keuangan']

export async function seed() {
  const random = rng(2026)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  await cachedHash(DEMO_PASSWORD)
  const now = Date.now()
  const orgIds: Record<string, string> = {}
  const userIds: Record<string, string> = {}
  const vendor = makeOrg({ kind: 'vendor', name: 'PT Nusantara Teknologi', legalName: 'PT Nusantara Teknologi Indonesia', npwp: '012345678901000', city: 'Jakarta Selatan', region: 'DKI Jakarta', website: 'https://nusantara-teknologi.co.id', tier: null })
  orgIds[vendor.name] = vendor.id
  const partnerSpecs = [
    { name: 'PT Maju Jaya Solusi', tier: 'gold' as const, city: 'Jakarta Barat', region: 'DKI Jakarta', website: 'https://majujaya.co.id', npwp: '021234567801000' },
    { name: 'CV Sinar Digital', tier: 'silver' as const, city: 'Surabaya', region: 'Jawa Timur', website: 'https://sinardigital.id', npwp: '031234567802000' },
    { name: 'PT Cahaya Integrasi Nusantara', tier: 'registered' as const, city: 'Bandung', region: 'Jawa Barat', website: 'https://cahayaintegrasi.co.id', npwp: null },
  ]
  for (const p of partnerSpecs) orgIds[p.name] = makeOrg({ kind: 'partner', ...p }).id
  const supplierSpecs = [
    { name: 'PT Sumber Makmur Elektronik', city: 'Tangerang', region: 'Banten', website: 'https://sumbermakmur.co.id', npwp: '041234567803000' },
    { name: 'PT Logistik Andalan Prima', city: 'Bekasi', region: 'Jawa Barat', website: 'https://andalanprima.co.id', npwp: null },
  ]
  for (const s of supplierSpecs) orgIds[s.name] = makeOrg({ kind: 'supplier', ...s, tier: null }).id
  for (const u of DEMO_LOGINS) {
    const user = await makeUser({ orgId: orgIds[u.org], role: u.role, email: u.email, name: u.name, password: DEMO_PASSWORD, locale: 'id' })
    userIds[u.email] = user.id
  }

  db.transaction((tx) => {
    // stage names in the vendor's language, with the English names English readers see
    const enterprise = makePipeline(
      {
        name: 'Enterprise Sales',
        isDefault: true,
        stages: [
          { name: 'Prospek', nameEn: 'Prospecting', probability: 10 },
          { name: 'Kualifikasi', nameEn: 'Qualification', probability: 25 },
          { name: 'Proposal', nameEn: 'Proposal', probability: 50 },
          { name: 'Negosiasi', nameEn: 'Negotiation', probability: 75 },
          { name: 'Menang', nameEn: 'Closed Won', probability: 100, isClosed: true, isWon: true },
          { name: 'Kalah', nameEn: 'Closed Lost', probability: 0, isClosed: true },
        ],
      },
      tx,
    )
    const channel = makePipeline(
      {
        name: 'Partner Channel',
        stages: [
          { name: 'Terdaftar', nameEn: 'Registered', probability: 10 },
          { name: 'Penjajakan', nameEn: 'Discovery', probability: 30 },
          { name: 'Desain Solusi', nameEn: 'Solution Design', probability: 55 },
          { name: 'Komitmen', nameEn: 'Commit', probability: 85 },
          { name: 'Menang', nameEn: 'Won', probability: 100, isClosed: true, isWon: true },
          { name: 'Kalah', nameEn: 'Lost', probability: 0, isClosed: true },
        ],
      },
      tx,
    )
    const owners = [userIds['sales@mitra.test'], userIds['admin@mitra.test'], userIds['manager@mitra.test']]
    const partnerIds = partnerSpecs.map((p) => orgIds[p.name])
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      let base: string
      do {
        base = i % 25 === 24 ? `${pick(INTERNATIONAL)} ${pick(['Indonesia', 'Asia', 'Group'])}` : `${pick(WORDS_A)} ${pick(WORDS_B)} ${pick(WORDS_C)}`
      } while (seen.has(base))
      seen.add(base)
      const form = base.includes('Indonesia') || base.includes('Asia') || base.includes('Group') ? 'PT' : pick(['PT', 'PT', 'PT', 'CV', 'PT', 'Tbk'])
      const name = form === 'Tbk' ? `PT ${base} Tbk` : `${form} ${base}`
      const slug = base.toLowerCase().replace(/[^a-z]+/g, '')
      const [city, region] = pick(PLACES)
      const industry = base.split(' ').at(-1)!
      const account = makeAccount(
        { name, domain: `${slug}.co.id`, industry: WORDS_C.includes(industry) ? industry : 'Teknologi', city, region, address: `Jl. ${pick(WORDS_A)} No. ${1 + Math.floor(random() * 200)}`, phone: `+62 21 ${5000000 + Math.floor(random() * 4999999)}`, ownerId: pick(owners), createdAt: now - Math.floor(random() * 400) * DAY_MS, updatedAt: now - Math.floor(random() * 60) * DAY_MS },
        tx,
      )
      const nContacts = 1 + Math.floor(random() * 3)
      for (let c = 0; c < nContacts; c++) {
        const first = pick(FIRST)
        const last = pick(LAST)
        makeContact({ accountId: account.id, firstName: first, lastName: last, email: `${first}.${last}@${slug}.co.id`.toLowerCase(), phone: `+62 81${Math.floor(100000000 + random() * 899999999)}`, title: pick(TITLES), ownerId: account.ownerId }, tx)
      }
      if (random() < 0.7) {
        const pipeline = random() < 0.6 ? enterprise : channel
        const fromPartner = pipeline === channel && random() < 0.7
        const stageIndex = Math.floor(random() * pipeline.stages.length)
        const currency = random() < 0.9 ? 'IDR' : 'USD'
        // IDR in whole rupiah; USD in cents (about Rp 16.000 to the dollar)
        const idr = (5 + Math.floor(random() * 95)) * 10_000_000
        const amountMinor = currency === 'IDR' ? idr : Math.round(idr / 16_000) * 100
        const opp = makeOpportunity(
          { accountId: account.id, pipeline, stageIndex, name: `${base} — ${pick(['Cloud migration', 'ERP rollout', 'Network refresh', 'Security suite', 'Data platform', 'Managed services'])}`, amountMinor, currency, expectedCloseDate: new Date(now + Math.floor(random() * 180 - 30) * DAY_MS).toISOString().slice(0, 10), ownerId: account.ownerId, source: fromPartner ? 'partner' : 'direct', partnerOrgId: fromPartner ? pick(partnerIds) : null, createdAt: account.createdAt, updatedAt: now - Math.floor(random() * 30) * DAY_MS },
          tx,
        )
        makeActivity({ entityType: 'opportunity', entityId: opp.id, accountId: account.id, kind: pick(['call', 'meeting', 'email'] as const), subject: pick(['Panggilan penjajakan', 'Demo untuk tim TI', 'Proposal dikirim', 'Diskusi harga', 'Tindak lanjut kebutuhan']), authorId: account.ownerId, createdAt: now - Math.floor(random() * 30) * DAY_MS }, tx)
      }
      if (random() < 0.75) {
        const first = pick(FIRST)
        makeLead({ company: name, contactName: `${first} ${pick(LAST)}`, email: `${first.toLowerCase()}@${slug}.co.id`, source: pick(['web', 'event', 'referral', 'partner', 'campaign'] as const), status: pick(['new', 'working', 'qualified', 'new', 'working'] as const), score: Math.floor(random() * 101), accountId: random() < 0.5 ? account.id : null, ownerId: pick(owners), createdAt: now - Math.floor(random() * 90) * DAY_MS, updatedAt: now - Math.floor(random() * 30) * DAY_MS }, tx)
      }
      makeActivity({ entityType: 'account', entityId: account.id, accountId: account.id, kind: pick(['note', 'call', 'meeting'] as const), subject: pick(['Tinjauan kuartalan', 'Pertemuan perkenalan', 'Pengingat perpanjangan', 'Kunjungan lokasi', 'Perencanaan anggaran']), body: random() < 0.5 ? 'Pelanggan sedang mengevaluasi pilihan untuk tahun anggaran berikutnya.' : null, authorId: account.ownerId, createdAt: now - Math.floor(random() * 120) * DAY_MS }, tx)
    }
  })
}

/** Demo registrations through the real service verbs, so their audit trail and conflicts are genuine. */
async function seedDeals() {
  process.env.MITRA_EMAIL_KICK = 'off'
  const { actorForSession } = await import('../app/modules/auth/require-actor.server')
  const { createSession } = await import('../app/modules/auth/session.server')
  const deals = await import('../app/modules/deals/deals.server')
  const { DealFormSchema } = await import('../app/modules/deals/deals.schema')
  const { accounts: accountsTable, emailOutbox, sessions, users: usersTable } = await import('../db/schema')
  const { eq } = await import('drizzle-orm')
  const actor = (email: string) => {
    const user = db.select().from(usersTable).where(eq(usersTable.email, email)).get()!
    const session = createSession(user.id)
    return actorForSession(session.id, user.id)!
  }
  const partner = actor('user@majujaya.test')
  const other = actor('admin@sinardigital.test')
  const manager = actor('manager@mitra.test')
  const existing = db.select().from(accountsTable).limit(3).all()
  const close = new Date(Date.now() + 60 * DAY_MS).toISOString().slice(0, 10)
  const form = (customerName: string, customerWebsite: string | null, value: string, intent: 'draft' | 'submit') =>
    DealFormSchema.parse({ intent, customerName, customerWebsite: customerWebsite ?? undefined, contactName: 'Budi Santoso', contactEmail: customerWebsite ? `budi@${customerWebsite}` : 'budi.santoso@gmail.com', products: 'Managed security suite, 3 years', value, currency: 'IDR', expectedCloseDate: close, acceptRules: 'on' })
  // a claim on an existing customer (written differently), approved and protected
  const approved = await deals.createDeal(partner, form(`${existing[0].name.replace(/^(PT|CV) /, '').replace(/ Tbk$/, '')} Group`, existing[0].domain, '750000000', 'submit'))
  await deals.approveDeal(manager, approved.id)
  // a second partner claiming the same customer: waits in the queue with its conflicts
  await deals.createDeal(other, form(existing[0].name.toUpperCase(), null, '500000000', 'submit'))
  // a fresh customer, waiting for approval; a draft; one returned with a question
  await deals.createDeal(partner, form('PT Samudra Biru Logistik', 'samudrabiru.co.id', '320000000', 'submit'))
  await deals.createDeal(partner, form('CV Kopi Nusantara Jaya', 'kopinusantara.id', '85000000', 'draft'))
  const returned = await deals.createDeal(other, form('PT Bintang Timur Farma', 'bintangtimur.co.id', '410000000', 'submit'))
  await deals.returnDeal(manager, returned.id, 'Siapa pengambil keputusan di sisi pelanggan, dan kapan anggaran disetujui?')
  // and one for the demo partner, so its home opens on a question to answer
  const asked = await deals.createDeal(partner, form('PT Cahaya Medika Sentosa', 'cahayamedika.co.id', '265000000', 'submit'))
  await deals.returnDeal(manager, asked.id, 'Apakah pelanggan sudah menerima penawaran dari distributor lain? Mohon sebutkan nama kontak pengadaannya.')
  // demo history: no real mail for these, and no sessions left behind by the seeding actors
  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').slice(-2).join('/'))
if (isMain) {
  const ifEmpty = process.argv.includes('--if-empty')
  const existing = db.select({ n: count() }).from(organisations).get()?.n ?? 0
  if (existing > 0) {
    console.log(ifEmpty ? 'database already has data: seed skipped' : 'database is not empty: refusing to seed twice (use a fresh DATABASE_URL)')
  } else {
    await seed()
    await seedDeals()
    await (await import('./seed-suppliers')).seedSuppliers()
    await (await import('./seed-plans')).seedPlans()
    await (await import('./seed-library')).seedLibrary()
    await (await import('./seed-schedules')).seedSchedules()
    await (await import('./seed-training')).seedTraining()
    await (await import('./seed-mdf')).seedMdf()
    console.log(`seeded demo data; logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.map((l) => l.email).join(', ')}`)
  }
  closeDb()
}
