import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { emailOutbox, invitations, organisations, supplierProfiles, users } from '../../../db/schema'
import { makeActor, makeOrg } from '../../../tests/factories'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { InvalidTransition, NotFound } from '../../utils/errors'
import type { UploadAccepted } from '../../utils/upload.server'
import { ApplicationSchema, ProfileSchema } from './suppliers.schema'
import {
  addDocumentType,
  approveApplication,
  approveSupplierChange,
  askApplicantForInfo,
  answerApplicantQuestion,
  decideDocument,
  enforceDocumentHolds,
  getApplication,
  getSupplierProfile,
  listApplications,
  rejectApplication,
  rejectSupplierChange,
  sendDocumentReminders,
  submitApplication,
  supplierDocumentsOf,
  updateSupplierProfile,
  uploadSupplierDocument,
} from './suppliers.server'
import { listPendingChanges } from './profiles.server'

const application = (over: Record<string, string> = {}) =>
  ApplicationSchema.parse({ legalName: 'PT Baru Jaya', npwp: '01.234.567.8-901.000', address: 'Jl. Mawar 1', city: 'Bogor', categories: 'Kabel, Lampu', contactName: 'Sinta', contactEmail: `sinta-${Math.random().toString(36).slice(2)}@barujaya.test`, terms: 'on', ...over })

const pdf = (): UploadAccepted => {
  const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  return { ok: true, kind: 'pdf', mime: 'application/pdf', size: bytes.length, sha256: 'x', safeName: 'doc.pdf', bytes }
}

describe('self-registration', () => {
  it('an application is reviewed: approving creates the supplier and invites its admin', async () => {
    const procurement = await makeActor({ role: 'procurement_manager' })
    const input = application()
    const { id } = await submitApplication(input, { locale: 'id' })
    expect((await listApplications(procurement, { status: 'submitted' })).rows.map((r) => r.id)).toContain(id)
    const { orgId } = await approveApplication(procurement, id!)
    const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get()
    expect(org).toMatchObject({ kind: 'supplier', legalName: 'PT Baru Jaya', npwp: '012345678901000', status: 'active' })
    expect(db.select().from(invitations).where(eq(invitations.email, input.contactEmail)).get()).toMatchObject({ orgId, role: 'supplier_admin' })
    expect(db.select().from(supplierProfiles).where(eq(supplierProfiles.orgId, orgId)).get()?.categories).toEqual(['Kabel', 'Lampu'])
    // the loser of a race gets words, not a second organisation
    await expect(approveApplication(procurement, id!)).rejects.toMatchObject({ messageKey: 'suppliers.applications.alreadyDecided' })
  })

  it('a filled honeypot stores nothing; the same contact cannot apply twice while open', async () => {
    const before = db.select().from(users).all().length
    expect(await submitApplication(application({ website: 'http://spam.example' }), { locale: 'en' })).toEqual({ id: null })
    const input = application()
    await submitApplication(input, { locale: 'en' })
    await expect(submitApplication({ ...input }, { locale: 'en' })).rejects.toMatchObject({ messageKey: 'suppliers.apply.emailTaken' })
    expect(db.select().from(users).all().length).toBe(before)
  })

  it('rejects with a reason (emailed), asks for information and takes the answer back into review', async () => {
    const procurement = await makeActor({ role: 'procurement_manager' })
    const a = await submitApplication(application(), { locale: 'en' })
    const { secret } = await askApplicantForInfo(procurement, a.id!, 'Do you deliver outside Java?')
    expect((await getApplication(procurement, a.id!)).application.status).toBe('info_requested')
    await answerApplicantQuestion(secret, 'Yes, to Sumatra and Bali.')
    expect((await getApplication(procurement, a.id!)).application).toMatchObject({ status: 'submitted', infoAnswer: 'Yes, to Sumatra and Bali.' })
    await expect(answerApplicantQuestion(secret, 'again')).rejects.toThrow(NotFound)
    const input = application()
    const b = await submitApplication(input, { locale: 'en' })
    await rejectApplication(procurement, b.id!, 'We already have enough cable suppliers.')
    expect(db.select().from(emailOutbox).all().some((m) => m.to === input.contactEmail && m.text.includes('enough cable suppliers'))).toBe(true)
    await expect(approveApplication(procurement, b.id!)).rejects.toThrow(InvalidTransition)
  })

  it('suppliers and partners never see applications', async () => {
    const supplier = await makeActor({ role: 'supplier_admin' })
    const partner = await makeActor({ role: 'partner_admin' })
    const a = await submitApplication(application(), { locale: 'en' })
    await expect(getApplication(supplier, a.id!)).rejects.toThrow(NotFound)
    await expect(getApplication(partner, a.id!)).rejects.toThrow(NotFound)
    await expect(approveApplication(supplier, a.id!)).rejects.toThrow(NotFound)
  })
})

describe('profile and sensitive changes', () => {
  it('holds bank account, NPWP and legal name changes until procurement approves; the account is shown masked', async () => {
    const supplier = await makeActor({ role: 'supplier_admin' })
    const procurement = await makeActor({ role: 'procurement_manager' })
    const base = { legalName: 'PT Lama', npwp: '01.234.567.8-901.000', address: 'Jl. A', categories: 'Kabel', contactName: 'X' }
    await updateSupplierProfile(supplier, ProfileSchema.parse(base))
    for (const c of await listPendingChanges(procurement)) await approveSupplierChange(procurement, c.id)
    const r = await updateSupplierProfile(supplier, ProfileSchema.parse({ ...base, legalName: 'PT Baru', address: 'Jl. B', bankName: 'BCA', bankAccount: '5550007890', bankHolder: 'PT Baru' }))
    expect(r.requested).toBe(true)
    let p = await getSupplierProfile(supplier, supplier.orgId)
    // ordinary fields at once; sensitive ones held
    expect(p.profile.address).toBe('Jl. B')
    expect(p.org.legalName).toBe('PT Lama')
    expect(p.profile.bankAccountMasked).toBeNull()
    expect(p.pendingChanges[0].fields.sort()).toEqual(['bankAccount', 'bankHolder', 'bankName', 'legalName'])
    const change = (await listPendingChanges(procurement)).find((c) => c.orgId === supplier.orgId)!
    await approveSupplierChange(procurement, change.id)
    p = await getSupplierProfile(supplier, supplier.orgId)
    expect(p.org.legalName).toBe('PT Baru')
    expect(p.profile.bankAccountMasked).toBe('•••• 7890')
    expect(JSON.stringify(p)).not.toContain('5550007890')
    // a rejected change leaves everything as it was
    await updateSupplierProfile(supplier, ProfileSchema.parse({ ...base, legalName: 'PT Baru', address: 'Jl. B', bankName: 'BCA', bankAccount: '9999999999', bankHolder: 'PT Baru' }))
    const second = (await listPendingChanges(procurement)).find((c) => c.orgId === supplier.orgId)!
    await rejectSupplierChange(procurement, second.id, 'Send a bank letter first')
    expect((await getSupplierProfile(procurement, supplier.orgId)).profile.bankAccountMasked).toBe('•••• 7890')
    // another supplier sees nothing of it
    const other = await makeActor({ role: 'supplier_admin' })
    await expect(getSupplierProfile(other, supplier.orgId)).rejects.toThrow(NotFound)
  })
})

describe('documents and holds', () => {
  it('a required document missing or expired puts the supplier on hold; a valid accepted one lifts it', async () => {
    const procurement = await makeActor({ role: 'procurement_manager' })
    const t0 = Date.now()
    const typeId = await addDocumentType(procurement, { nameEn: 'ISO 9001 certificate ' + t0, nameId: 'Sertifikat ISO 9001 ' + t0, hasExpiry: true, required: true })
    // an established supplier (past the onboarding grace) with no document
    const org = makeOrg({ kind: 'supplier', createdAt: t0 - 60 * DAY_MS })
    const supplier = await makeActor({ role: 'supplier_admin', orgId: org.id })
    await enforceDocumentHolds(t0)
    let p = await getSupplierProfile(supplier, org.id)
    expect(p.org.status).toBe('on_hold')
    expect(p.profile.holdReason?.missing).toContain(typeId)

    const in10 = new Date(t0 + 10 * DAY_MS).toISOString().slice(0, 10)
    const docId = await uploadSupplierDocument(supplier, { typeId, file: pdf(), expiresOn: in10 })
    await decideDocument(procurement, docId, 'accept', null, { now: t0 })
    p = await getSupplierProfile(supplier, org.id)
    expect(p.org.status).toBe('active')
    expect(p.profile.holdReason).toBeNull()

    // a reminder before it expires, once
    expect((await sendDocumentReminders(t0)).sent).toBeGreaterThanOrEqual(1)
    expect((await sendDocumentReminders(t0)).sent).toBe(0)

    // fifteen days later the certificate has expired: on hold again, with the reason
    await enforceDocumentHolds(t0 + 15 * DAY_MS)
    p = await getSupplierProfile(procurement, org.id)
    expect(p.org.status).toBe('on_hold')
    expect(p.profile.holdReason?.expired).toContain(typeId)
    const standing = (await supplierDocumentsOf(supplier, org.id)).rows.find((r) => r.typeId === typeId)
    expect(standing?.standing).toBe('accepted') // still valid today (the job ran with a later clock)
  })

  it('refuses an expired date and another supplier’s documents', async () => {
    const procurement = await makeActor({ role: 'procurement_manager' })
    const typeId = await addDocumentType(procurement, { nameEn: 'Insurance', nameId: 'Asuransi', hasExpiry: true, required: false })
    const supplier = await makeActor({ role: 'supplier_admin' })
    const other = await makeActor({ role: 'supplier_admin' })
    await expect(uploadSupplierDocument(supplier, { typeId, file: pdf(), expiresOn: '2000-01-01' })).rejects.toMatchObject({ messageKey: 'suppliers.docs.expiryPast' })
    await expect(uploadSupplierDocument(supplier, { typeId, file: pdf(), expiresOn: null })).rejects.toMatchObject({ messageKey: 'suppliers.docs.expiryRequired' })
    const id = await uploadSupplierDocument(supplier, { typeId, file: pdf(), expiresOn: '2099-01-01' })
    await expect(supplierDocumentsOf(other, supplier.orgId)).rejects.toThrow(NotFound)
    await expect(decideDocument(other, id, 'accept', null)).rejects.toThrow(NotFound)
  })
})
