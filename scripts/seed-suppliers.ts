// Demo data of the supplier portal, through the real service verbs (so audit trails are genuine):
// the required document types, PT Sumber Makmur Elektronik's profile, accepted documents and an
// approved catalog with a newer version (price changes) waiting for procurement, and one
// application from a company that wants to become a supplier.
import { DAY_MS } from '../app/utils/dates'
import { db } from '../app/utils/db.server'

export async function seedSuppliers() {
  process.env.MITRA_EMAIL_KICK = 'off'
  const { actorForSession } = await import('../app/modules/auth/require-actor.server')
  const { createSession } = await import('../app/modules/auth/session.server')
  const s = await import('../app/modules/suppliers/suppliers.server')
  const { ApplicationSchema, ProfileSchema } = await import('../app/modules/suppliers/suppliers.schema')
  const { checkUpload } = await import('../app/utils/upload.server')
  const { renderPdf } = await import('../app/utils/pdf.server')
  const { users, emailOutbox, sessions } = await import('../db/schema')
  const { eq } = await import('drizzle-orm')
  const actor = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!
    const session = createSession(user.id)
    return actorForSession(session.id, user.id)!
  }
  const procurement = actor('procurement@mitra.test')
  const supplier = actor('admin@sumbermakmur.test')

  const types = [
    { nameEn: 'NIB business licence', nameId: 'NIB (Nomor Induk Berusaha)', hasExpiry: false, required: true },
    { nameEn: 'NPWP card', nameId: 'Kartu NPWP', hasExpiry: false, required: true },
    { nameEn: 'ISO 9001 certificate', nameId: 'Sertifikat ISO 9001', hasExpiry: true, required: true },
    { nameEn: 'Liability insurance', nameId: 'Asuransi tanggung gugat', hasExpiry: true, required: false },
  ]
  const typeIds: string[] = []
  for (const t of types) typeIds.push(await s.addDocumentType(procurement, t))

  await s.updateSupplierProfile(
    supplier,
    ProfileSchema.parse({ legalName: 'PT Sumber Makmur Elektronik', npwp: '04.123.456.7-803.000', address: 'Jl. Industri Raya No. 8, Cikupa', categories: 'Kabel, Komponen elektronik, Perangkat jaringan', contactName: 'Yulia Pratama', contactEmail: 'admin@sumbermakmur.test', contactPhone: '+62 21 5550 1234' }),
  )
  // the bank account goes through a change request, approved by procurement
  await s.updateSupplierProfile(
    supplier,
    ProfileSchema.parse({ legalName: 'PT Sumber Makmur Elektronik', npwp: '04.123.456.7-803.000', address: 'Jl. Industri Raya No. 8, Cikupa', categories: 'Kabel, Komponen elektronik, Perangkat jaringan', contactName: 'Yulia Pratama', contactEmail: 'admin@sumbermakmur.test', contactPhone: '+62 21 5550 1234', bankName: 'Bank Central Asia', bankAccount: '5271234567', bankHolder: 'PT Sumber Makmur Elektronik' }),
  )
  for (const c of await s.listPendingChanges(procurement)) await s.approveSupplierChange(procurement, c.id)
  await s.setVendorCode(procurement, supplier.orgId, 'V-100238')

  // documents: NIB, NPWP card, ISO 9001 (valid for a year) accepted
  const expiry = new Date(Date.now() + 365 * DAY_MS).toISOString().slice(0, 10)
  for (const [i, typeId] of typeIds.slice(0, 3).entries()) {
    const bytes = await renderPdf({ title: types[i].nameEn, compress: false }, (doc) => doc.fontSize(14).text(`${types[i].nameEn} — PT Sumber Makmur Elektronik`))
    const checked = await checkUpload(new Blob([new Uint8Array(bytes)]), { maxBytes: s.MAX_DOCUMENT_BYTES, allow: s.DOCUMENT_KINDS }, `${types[i].nameEn}.pdf`)
    if (!checked.ok) throw new Error(`seed document refused: ${checked.messageKey}`)
    await s.uploadSupplierDocument(supplier, { typeId, file: checked, expiresOn: types[i].hasExpiry ? expiry : null })
  }
  for (const d of await s.pendingDocuments(procurement, 50)) await s.decideDocument(procurement, d.id, 'accept', null)

  // catalog: version 1 approved from 1 January, version 2 (price changes) waiting for review
  const header = 'sku,name,description,unit,price,currency,min_order_qty,lead_time_days,category,effective_from,effective_to,active'
  const items: [string, string, string, number, string][] = [
    ['KBL-NYM-3X2.5', 'Kabel NYM 3x2,5 mm²', 'roll', 1_250_000, 'Kabel'],
    ['KBL-UTP-C6', 'Kabel UTP Cat6 305 m', 'box', 2_150_000, 'Kabel'],
    ['SW-24P-POE', 'Switch 24 port PoE', 'pcs', 7_800_000, 'Perangkat jaringan'],
    ['AP-WIFI6', 'Access point Wi-Fi 6', 'pcs', 3_450_000, 'Perangkat jaringan'],
    ['MCB-1P-16A', 'MCB 1 phase 16 A', 'pcs', 85_000, 'Komponen elektronik'],
    ['UPS-1500VA', 'UPS 1500 VA', 'pcs', 4_200_000, 'Komponen elektronik'],
  ]
  const year = new Date().getUTCFullYear()
  const v1 = [header, ...items.map(([sku, name, unit, price, cat]) => `${sku},"${name}",,${unit},${price},IDR,1,7,${cat},${year}-01-01,,true`)].join('\n')
  const first = await s.submitCatalogUpload(supplier, { bytes: new TextEncoder().encode(v1), fileName: 'katalog-januari.csv', mode: 'full' }, { wait: true })
  await s.approveCatalogVersion(procurement, first.versionId)
  const v2Rows = items
    .filter(([sku]) => sku !== 'MCB-1P-16A')
    .map(([sku, name, unit, price, cat]) => {
      const next = sku === 'KBL-NYM-3X2.5' ? 1_350_000 : sku === 'SW-24P-POE' ? 7_400_000 : price
      return `${sku},"${name}",,${unit},${next},IDR,1,7,${cat},${year}-07-01,,true`
    })
  const v2 = [header, ...v2Rows, `CCTV-IP-4MP,"Kamera CCTV IP 4 MP",,pcs,1950000,IDR,2,14,Keamanan,${year}-07-01,,true`].join('\n')
  await s.submitCatalogUpload(supplier, { bytes: new TextEncoder().encode(v2), fileName: 'katalog-juli.csv', mode: 'full' }, { wait: true })

  // PT Logistik Andalan Prima, onboarding: its admin, an approved catalog, a document and a bank change waiting
  const { makeUser } = await import('../tests/factories')
  const { organisations } = await import('../db/schema')
  const andalan = db.select().from(organisations).where(eq(organisations.name, 'PT Logistik Andalan Prima')).get()!
  await makeUser({ orgId: andalan.id, role: 'supplier_admin', email: 'admin@andalanprima.test', name: 'Fajar Nugroho', password: 'mitra-demo-2026', locale: 'id' })
  const other = actor('admin@andalanprima.test')
  const palet = [header, `PLT-KAYU-120,"Palet kayu 120x100",,pcs,185000,IDR,50,5,Kemasan,${year}-01-01,,true`, `STRETCH-500,"Stretch film 500 mm",,roll,95000,IDR,20,3,Kemasan,${year}-01-01,,true`].join('\n')
  const andalanCatalog = await s.submitCatalogUpload(other, { bytes: new TextEncoder().encode(palet), fileName: 'katalog.csv', mode: 'full' }, { wait: true })
  await s.approveCatalogVersion(procurement, andalanCatalog.versionId)
  const nib = await renderPdf({ title: 'NIB', compress: false }, (doc) => doc.fontSize(14).text('NIB — PT Logistik Andalan Prima'))
  const nibChecked = await checkUpload(new Blob([new Uint8Array(nib)]), { maxBytes: s.MAX_DOCUMENT_BYTES, allow: s.DOCUMENT_KINDS }, 'nib-andalan.pdf')
  if (!nibChecked.ok) throw new Error('seed document refused')
  await s.uploadSupplierDocument(other, { typeId: typeIds[0], file: nibChecked, expiresOn: null })
  await s.updateSupplierProfile(other, ProfileSchema.parse({ legalName: 'PT Logistik Andalan Prima', npwp: '01.987.654.3-210.000', address: 'Kawasan Industri Jababeka Blok C', categories: 'Kemasan, Logistik', contactName: 'Fajar Nugroho', contactEmail: 'admin@andalanprima.test', bankName: 'Bank Mandiri', bankAccount: '1230009876543', bankHolder: 'PT Logistik Andalan Prima' }))

  // a company asking to become a supplier
  await s.submitApplication(
    ApplicationSchema.parse({ legalName: 'PT Cahaya Listrik Mandiri', npwp: '02.345.678.9-012.000', address: 'Jl. Gatot Subroto Kav. 12', city: 'Bandung', categories: 'Panel listrik, Lampu LED', contactName: 'Andi Saputra', contactEmail: 'andi@cahayalistrik.test', contactPhone: '+62 22 555 0101', terms: 'on' }),
    { locale: 'id' },
  )
  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
