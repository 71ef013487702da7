// Documents procurement requires of every supplier (NIB, NPWP card, ISO 9001, insurance…), with
// expiry dates. Suppliers upload them (checked by content, size-capped), procurement accepts or
// rejects each; a job reminds before expiry and puts a supplier on hold while a required document
// is missing or expired, and lifts the hold once valid ones are accepted.
import fs from 'node:fs'
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm'
import { supplierDocuments, supplierDocumentTypes, supplierProfiles } from '../../../db/schema/suppliers'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { newId } from '../../utils/ids'
import { downloadHeaders, storeUpload, uploadPath, type UploadAccepted } from '../../utils/upload.server'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { activeMembersOf, organisationNames, setSupplierStatus, supplierOrganisation, supplierOrganisations, userNames } from '../orgs/orgs.server'
import { jakartaToday } from './catalog-import.server'
import { writeHoldReason } from './profiles.server'
import { documentMachine } from './suppliers.machine'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const DOCUMENT_KINDS = ['pdf', 'png', 'jpeg'] as const
/** A new supplier has this long to upload its documents before a missing one puts it on hold. */
export const ONBOARDING_GRACE_MS = 14 * DAY_MS
export const REMINDER_DAYS = [30, 7] as const

export type DocumentType = typeof supplierDocumentTypes.$inferSelect
export type SupplierDocument = typeof supplierDocuments.$inferSelect

const typeName = (t: Pick<DocumentType, 'nameEn' | 'nameId'>, locale: Locale) => (locale === 'id' ? t.nameId : t.nameEn)

export function listDocumentTypes(): DocumentType[] {
  return db.select().from(supplierDocumentTypes).orderBy(asc(supplierDocumentTypes.createdAt)).all()
}

export async function addDocumentType(actor: Actor, input: { nameEn: string; nameId: string; hasExpiry: boolean; required: boolean }) {
  assertCan(actor, 'manage:supplier')
  return mutate(actor, (ctx) => {
    const id = newId()
    ctx.tx.insert(supplierDocumentTypes).values({ id, ...input, createdAt: ctx.now }).run()
    ctx.audit('supplier_document_type', id, 'created', null, input)
    return id
  })
}

type Standing = 'accepted' | 'pending' | 'rejected' | 'expired' | 'missing'

/** Each document type with the supplier's latest document of it and where it stands today. */
export function documentStanding(orgId: string, today = jakartaToday()) {
  const types = listDocumentTypes()
  const docs = db.select().from(supplierDocuments).where(eq(supplierDocuments.orgId, orgId)).orderBy(desc(supplierDocuments.createdAt)).all()
  return types.map((type) => {
    const mine = docs.filter((d) => d.typeId === type.id)
    const valid = mine.find((d) => d.status === 'accepted' && (!d.expiresOn || d.expiresOn >= today))
    const latest = mine[0] ?? null
    let standing: Standing
    if (valid) standing = 'accepted'
    else if (latest?.status === 'pending') standing = 'pending'
    else if (mine.some((d) => d.status === 'accepted')) standing = 'expired'
    else if (latest?.status === 'rejected') standing = 'rejected'
    else standing = 'missing'
    return { type, valid: valid ?? null, latest, standing, documents: mine }
  })
}

export async function supplierDocumentsOf(actor: Actor, orgId: string) {
  if (!supplierOrganisation(orgId)) throw new NotFound()
  assertCan(actor, 'read:supplier', { orgId })
  const rows = documentStanding(orgId)
  const names = userNames(rows.flatMap((r) => r.documents.map((d) => d.decidedBy)))
  return {
    rows: rows.map((r) => ({
      typeId: r.type.id,
      name: typeName(r.type, actor.locale),
      required: r.type.required,
      hasExpiry: r.type.hasExpiry,
      standing: r.standing,
      validUntil: r.valid?.expiresOn ?? null,
      documents: r.documents.slice(0, 5).map((d) => ({ id: d.id, status: d.status, fileName: d.fileName, expiresOn: d.expiresOn, createdAt: d.createdAt, rejectionReason: d.rejectionReason, decidedByName: d.decidedBy ? (names.get(d.decidedBy) ?? null) : null })),
    })),
    canUpload: scopeOf(actor, 'upload:supplier_document') === 'own_org' && actor.orgId === orgId,
    canDecide: scopeOf(actor, 'approve:supplier_document') === 'any',
  }
}

/** A supplier uploads a document (already passed checkUpload). */
export async function uploadSupplierDocument(actor: Actor, input: { typeId: string; file: UploadAccepted; expiresOn: string | null }) {
  assertCan(actor, 'upload:supplier_document', { orgId: actor.orgId })
  if (!supplierOrganisation(actor.orgId)) throw new NotFound()
  const type = db.select().from(supplierDocumentTypes).where(eq(supplierDocumentTypes.id, input.typeId)).get()
  if (!type) throw new ValidationFailed('typeId', 'errors.required')
  if (type.hasExpiry && !input.expiresOn) throw new ValidationFailed('expiresOn', 'suppliers.docs.expiryRequired')
  if (input.expiresOn && input.expiresOn < jakartaToday()) throw new ValidationFailed('expiresOn', 'suppliers.docs.expiryPast')
  const stored = storeUpload(input.file)
  return mutate(actor, (ctx) => {
    const id = newId()
    ctx.tx
      .insert(supplierDocuments)
      .values({ id, orgId: actor.orgId, typeId: type.id, uploadId: stored.id, fileName: stored.safeName, mime: stored.mime, size: stored.size, expiresOn: type.hasExpiry ? input.expiresOn : null, status: 'pending', uploadedBy: actor.userId, createdAt: ctx.now })
      .run()
    ctx.audit('supplier_document', id, 'uploaded', null, { type: type.nameEn, expiresOn: input.expiresOn })
    return id
  })
}

function findDocument(actor: Actor, id: string): SupplierDocument {
  const doc = db.select().from(supplierDocuments).where(eq(supplierDocuments.id, id)).get()
  if (!doc) throw new NotFound()
  assertCan(actor, 'read:supplier', { orgId: doc.orgId })
  return doc
}

/** The stored file behind a document, for the authorised download route. */
export async function documentDownload(actor: Actor, id: string) {
  const doc = findDocument(actor, id)
  const file = uploadPath(doc.uploadId)
  if (!fs.existsSync(file)) throw new NotFound()
  return { stream: fs.createReadStream(file), headers: downloadHeaders({ mime: doc.mime, size: doc.size, safeName: doc.fileName }) }
}

export async function decideDocument(actor: Actor, id: string, event: 'accept' | 'reject', reason: string | null, opts: { now?: number } = {}) {
  findDocument(actor, id)
  assertCan(actor, 'approve:supplier_document')
  return mutate(
    actor,
    (ctx) => {
      const doc = ctx.tx.select().from(supplierDocuments).where(eq(supplierDocuments.id, id)).get()!
      if (!documentMachine.can(doc.status, event)) {
        const name = doc.decidedBy ? (userNames([doc.decidedBy]).get(doc.decidedBy) ?? '') : ''
        throw new InvalidTransition(doc.status, event, name ? { key: 'suppliers.applications.alreadyDecided', params: { name } } : undefined)
      }
      const next = documentMachine.next(doc.status, event)
      ctx.tx.update(supplierDocuments).set({ status: next, decidedBy: actor.userId, decidedAt: ctx.now, rejectionReason: reason }).where(eq(supplierDocuments.id, id)).run()
      ctx.audit('supplier_document', id, event === 'accept' ? 'accepted' : 'rejected', { status: doc.status }, { status: next, reason })
      // a valid document accepted may lift the hold at once
      if (event === 'accept') applyHold(ctx, doc.orgId, ctx.now)
    },
    opts,
  )
}

/** What keeps a supplier on hold today: names of required documents missing or expired (English and Indonesian). */
function holdReasonOf(orgId: string, createdAt: number, now: number): { missing: string[]; expired: string[] } | null {
  const rows = documentStanding(orgId, jakartaToday(now)).filter((r) => r.type.required)
  const inGrace = now - createdAt < ONBOARDING_GRACE_MS
  const missing = rows.filter((r) => !inGrace && (r.standing === 'missing' || r.standing === 'rejected' || r.standing === 'pending') && !r.documents.some((d) => d.status === 'accepted')).map((r) => r.type.id)
  const expired = rows.filter((r) => r.standing === 'expired' || (r.standing === 'pending' && r.documents.some((d) => d.status === 'accepted'))).map((r) => r.type.id)
  return missing.length || expired.length ? { missing, expired } : null
}

/** Puts one supplier on hold or lifts the hold, in the caller's transaction. Only lifts holds this job set. */
function applyHold(ctx: Ctx, orgId: string, now: number): 'held' | 'released' | null {
  const org = supplierOrganisation(orgId)
  if (!org || org.status === 'inactive') return null
  const reason = holdReasonOf(orgId, org.createdAt, now)
  const profile = ctx.tx.select({ holdReason: supplierProfiles.holdReason }).from(supplierProfiles).where(eq(supplierProfiles.orgId, orgId)).get()
  if (reason) {
    const same = JSON.stringify(profile?.holdReason ?? null) === JSON.stringify(reason)
    if (!same) writeHoldReason(ctx, orgId, reason)
    const changed = setSupplierStatus(ctx, orgId, 'on_hold')
    if (changed) {
      const names = holdNames(reason, 'en')
      ctx.audit('supplier_profile', orgId, 'put_on_hold', null, reason)
      for (const userId of activeMembersOf(orgId, ['supplier_admin'])) notify(ctx, userId, 'supplier_on_hold', { company: org.name, reasons: names }, '/supplier/documents')
      return 'held'
    }
    return null
  }
  if (profile?.holdReason) {
    writeHoldReason(ctx, orgId, null)
    if (setSupplierStatus(ctx, orgId, 'active')) {
      ctx.audit('supplier_profile', orgId, 'hold_lifted', profile.holdReason, null)
      return 'released'
    }
  }
  return null
}

/** The hold reason in words: "NIB missing, ISO 9001 expired". */
export function holdNames(reason: { missing: string[]; expired: string[] }, locale: Locale): string {
  const types = new Map(listDocumentTypes().map((t) => [t.id, typeName(t, locale)]))
  const word = locale === 'id' ? { missing: 'belum ada', expired: 'kedaluwarsa' } : { missing: 'missing', expired: 'expired' }
  return [...reason.missing.map((id) => `${types.get(id) ?? '?'} ${word.missing}`), ...reason.expired.map((id) => `${types.get(id) ?? '?'} ${word.expired}`)].join(', ')
}

/** The job: every supplier checked; idempotent. */
export async function enforceDocumentHolds(now = Date.now()): Promise<{ held: number; released: number }> {
  let held = 0
  let released = 0
  for (const org of supplierOrganisations()) {
    const r = await mutate(null, (ctx) => applyHold(ctx, org.id, now), { now })
    if (r === 'held') held++
    if (r === 'released') released++
  }
  return { held, released }
}

/** The job: reminds supplier admins 30 and 7 days before an accepted document expires, each once. */
export async function sendDocumentReminders(now = Date.now()): Promise<{ sent: number }> {
  const today = jakartaToday(now)
  const horizon = jakartaToday(now + REMINDER_DAYS[0] * DAY_MS)
  const docs = db.select().from(supplierDocuments).where(eq(supplierDocuments.status, 'accepted')).all().filter((d) => d.expiresOn && d.expiresOn >= today && d.expiresOn <= horizon)
  const types = new Map(listDocumentTypes().map((t) => [t.id, t]))
  let sent = 0
  for (const d of docs) {
    const daysLeft = Math.round((Date.parse(`${d.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
    const due = [...REMINDER_DAYS].filter((n) => daysLeft <= n).sort((a, b) => a - b)[0]
    if (due === undefined || (d.reminderSent !== null && d.reminderSent <= due)) continue
    const type = types.get(d.typeId)
    if (!type) continue
    await mutate(
      null,
      (ctx) => {
        ctx.tx.update(supplierDocuments).set({ reminderSent: due }).where(eq(supplierDocuments.id, d.id)).run()
        // a renewed document already accepted: no reminder for the old one
        const renewed = ctx.tx.select({ expiresOn: supplierDocuments.expiresOn }).from(supplierDocuments).where(and(eq(supplierDocuments.orgId, d.orgId), eq(supplierDocuments.typeId, d.typeId), eq(supplierDocuments.status, 'accepted'))).all()
        if (renewed.some((o) => (o.expiresOn ?? '9999-12-31') > (d.expiresOn ?? ''))) return
        const company = organisationNames([d.orgId]).get(d.orgId)?.name ?? ''
        for (const userId of activeMembersOf(d.orgId, ['supplier_admin'])) notify(ctx, userId, 'supplier_document_expiring', { company, document: type.nameEn, date: d.expiresOn ?? '' }, '/supplier/documents')
        sent++
      },
      { now },
    )
  }
  return { sent }
}

export async function pendingDocuments(actor: Actor, limit: number) {
  assertCan(actor, 'approve:supplier_document')
  const rows = db.select().from(supplierDocuments).where(eq(supplierDocuments.status, 'pending')).orderBy(asc(supplierDocuments.createdAt)).limit(limit).all()
  const types = new Map(listDocumentTypes().map((t) => [t.id, t]))
  const names = organisationNames(rows.map((r) => r.orgId))
  return rows.map((r) => ({ ...r, typeName: types.get(r.typeId) ? typeName(types.get(r.typeId)!, actor.locale) : '', orgName: names.get(r.orgId)?.name ?? '' }))
}

export async function pendingDocumentCount(actor: Actor) {
  assertCan(actor, 'approve:supplier_document')
  return db.select({ n: count() }).from(supplierDocuments).where(eq(supplierDocuments.status, 'pending')).get()?.n ?? 0
}

/** Document ids of these organisations (tests, seeds). */
export function documentIdsOf(orgIds: string[]) {
  return db.select({ id: supplierDocuments.id }).from(supplierDocuments).where(inArray(supplierDocuments.orgId, orgIds)).all()
}

/** One document with its type and supplier, for its page. */
export async function getDocument(actor: Actor, id: string) {
  const doc = findDocument(actor, id)
  const type = db.select().from(supplierDocumentTypes).where(eq(supplierDocumentTypes.id, doc.typeId)).get()
  const names = userNames([doc.uploadedBy, doc.decidedBy])
  return {
    document: { id: doc.id, orgId: doc.orgId, status: doc.status, fileName: doc.fileName, size: doc.size, expiresOn: doc.expiresOn, createdAt: doc.createdAt, decidedAt: doc.decidedAt, rejectionReason: doc.rejectionReason },
    typeName: type ? typeName(type, actor.locale) : '',
    orgName: organisationNames([doc.orgId]).get(doc.orgId)?.name ?? '',
    uploadedByName: names.get(doc.uploadedBy) ?? '',
    decidedByName: doc.decidedBy ? (names.get(doc.decidedBy) ?? null) : null,
    canDecide: scopeOf(actor, 'approve:supplier_document') === 'any' && doc.status === 'pending',
  }
}
