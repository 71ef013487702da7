// A supplier's profile: company details, contacts, bank (shown masked), the vendor code linking
// it to the ERP, and sensitive changes (legal name, NPWP, bank account) held as change requests
// until procurement approves them.
import { and, asc, count, desc, eq, max, min } from 'drizzle-orm'
import { catalogItems, supplierChangeRequests, supplierProfiles } from '../../../db/schema/suppliers'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { newId } from '../../utils/ids'
import { InvalidTransition, NotFound } from '../../utils/errors'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { changedFields } from '../audit/audit.server'
import { setSupplierLegalIdentity, supplierOrganisation, supplierOrganisations, userNames } from '../orgs/orgs.server'
import { catalogSizes } from './catalogs.server'
import { changeMachine } from './suppliers.machine'

export type SupplierProfile = typeof supplierProfiles.$inferSelect
export const SENSITIVE_FIELDS = ['legalName', 'npwp', 'bankName', 'bankAccount', 'bankHolder'] as const
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number]

/** "•••• 4321": the last four digits only. */
export function maskAccount(account: string | null | undefined): string | null {
  if (!account) return null
  const digits = account.replace(/\s/g, '')
  return `•••• ${digits.slice(-4)}`
}

function ensureProfile(ctx: Ctx, orgId: string): SupplierProfile {
  const found = ctx.tx.select().from(supplierProfiles).where(eq(supplierProfiles.orgId, orgId)).get()
  if (found) return found
  const row = { orgId, categories: [] as string[], createdAt: ctx.now, updatedAt: ctx.now }
  ctx.tx.insert(supplierProfiles).values(row).run()
  return ctx.tx.select().from(supplierProfiles).where(eq(supplierProfiles.orgId, orgId)).get()!
}

function readProfile(orgId: string): SupplierProfile | null {
  return db.select().from(supplierProfiles).where(eq(supplierProfiles.orgId, orgId)).get() ?? null
}

/** A supplier's profile for this reader: bank details masked for everyone (the full number is never sent to a page). */
export async function getSupplierProfile(actor: Actor, orgId: string) {
  const org = supplierOrganisation(orgId)
  if (!org) throw new NotFound()
  assertCan(actor, 'read:supplier', { orgId })
  const p = readProfile(orgId)
  const pending = db.select().from(supplierChangeRequests).where(and(eq(supplierChangeRequests.orgId, orgId), eq(supplierChangeRequests.status, 'pending'))).orderBy(desc(supplierChangeRequests.createdAt)).all()
  const procurement = scopeOf(actor, 'manage:supplier') === 'any'
  return {
    org: { id: org.id, name: org.name, legalName: org.legalName, npwp: org.npwp, city: org.city, status: org.status },
    profile: {
      address: p?.address ?? null,
      categories: p?.categories ?? [],
      contactName: p?.contactName ?? null,
      contactEmail: p?.contactEmail ?? null,
      contactPhone: p?.contactPhone ?? null,
      bankName: p?.bankName ?? null,
      bankAccountMasked: maskAccount(p?.bankAccount),
      bankHolder: p?.bankHolder ?? null,
      vendorCode: p?.vendorCode ?? null,
      rating: p?.rating ?? null,
      holdReason: p?.holdReason ?? null,
    },
    pendingChanges: pending.map((c) => ({ id: c.id, fields: Object.keys(c.changes), createdAt: c.createdAt, changes: procurement ? maskChanges(c.changes) : null })),
    permissions: {
      edit: scopeOf(actor, 'request:supplier_change') === 'own_org' && actor.orgId === orgId,
      vendorCode: procurement,
      decideChanges: scopeOf(actor, 'approve:supplier_change') === 'any',
    },
  }
}

const maskChanges = (changes: Record<string, string>) => Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, k === 'bankAccount' ? (maskAccount(v) ?? '') : v]))

/**
 * The supplier saves its profile: ordinary fields apply at once (audited); sensitive ones that
 * differ become one change request for procurement.
 */
export async function updateSupplierProfile(actor: Actor, input: { address: string | null; categories: string[]; contactName: string | null; contactEmail: string | null; contactPhone: string | null; legalName: string; npwp: string; bankName: string | null; bankAccount: string | null; bankHolder: string | null }) {
  const orgId = actor.orgId
  const org = supplierOrganisation(orgId)
  if (!org) throw new NotFound()
  assertCan(actor, 'request:supplier_change', { orgId })
  return mutate(actor, (ctx) => {
    const p = ensureProfile(ctx, orgId)
    const plain = { address: input.address, categories: input.categories, contactName: input.contactName, contactEmail: input.contactEmail, contactPhone: input.contactPhone }
    const diff = changedFields(p, plain)
    if (diff.changed) {
      ctx.tx.update(supplierProfiles).set({ ...plain, updatedAt: ctx.now }).where(eq(supplierProfiles.orgId, orgId)).run()
      ctx.audit('supplier_profile', orgId, 'updated', diff.before, diff.after)
    }
    const current: Record<SensitiveField, string | null> = { legalName: org.legalName, npwp: org.npwp, bankName: p.bankName, bankAccount: p.bankAccount, bankHolder: p.bankHolder }
    const changes: Record<string, string> = {}
    for (const f of SENSITIVE_FIELDS) {
      const next = input[f]
      // an empty bank account field means "unchanged": the page never receives the real number
      if (f === 'bankAccount' && !next) continue
      if ((next ?? '') !== (current[f] ?? '')) changes[f] = next ?? ''
    }
    if (!Object.keys(changes).length) return { requested: false }
    const id = newId()
    ctx.tx.insert(supplierChangeRequests).values({ id, orgId, status: 'pending', changes, requestedBy: actor.userId, createdAt: ctx.now }).run()
    ctx.audit('supplier_change', id, 'requested', null, { fields: Object.keys(changes) })
    return { requested: true }
  })
}

function decide(actor: Actor, id: string, event: 'approve' | 'reject', reason: string | null) {
  const row = db.select().from(supplierChangeRequests).where(eq(supplierChangeRequests.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'approve:supplier_change', { orgId: row.orgId })
  return mutate(actor, (ctx) => {
    const c = ctx.tx.select().from(supplierChangeRequests).where(eq(supplierChangeRequests.id, id)).get()!
    if (!changeMachine.can(c.status, event)) {
      const name = c.decidedBy ? (userNames([c.decidedBy]).get(c.decidedBy) ?? '') : ''
      throw new InvalidTransition(c.status, event, name ? { key: 'suppliers.applications.alreadyDecided', params: { name } } : undefined)
    }
    const next = changeMachine.next(c.status, event)
    ctx.tx.update(supplierChangeRequests).set({ status: next, decidedBy: actor.userId, decidedAt: ctx.now, rejectionReason: reason }).where(eq(supplierChangeRequests.id, id)).run()
    if (event === 'approve') {
      setSupplierLegalIdentity(ctx, c.orgId, { legalName: c.changes.legalName, npwp: c.changes.npwp })
      const bank: Partial<SupplierProfile> = {}
      if ('bankName' in c.changes) bank.bankName = c.changes.bankName || null
      if ('bankAccount' in c.changes) bank.bankAccount = c.changes.bankAccount || null
      if ('bankHolder' in c.changes) bank.bankHolder = c.changes.bankHolder || null
      if (Object.keys(bank).length) {
        ensureProfile(ctx, c.orgId)
        ctx.tx.update(supplierProfiles).set({ ...bank, updatedAt: ctx.now }).where(eq(supplierProfiles.orgId, c.orgId)).run()
      }
    }
    ctx.audit('supplier_change', id, event === 'approve' ? 'approved' : 'rejected', { status: c.status }, { status: next, fields: Object.keys(c.changes), reason })
  })
}

export const approveSupplierChange = (actor: Actor, id: string) => decide(actor, id, 'approve', null)
export const rejectSupplierChange = (actor: Actor, id: string, reason: string) => decide(actor, id, 'reject', reason)

/** Links the supplier to the vendor's ERP record. */
export async function setVendorCode(actor: Actor, orgId: string, vendorCode: string | null) {
  if (!supplierOrganisation(orgId)) throw new NotFound()
  assertCan(actor, 'read:supplier', { orgId })
  assertCan(actor, 'manage:supplier')
  await mutate(actor, (ctx) => {
    const p = ensureProfile(ctx, orgId)
    if (p.vendorCode === vendorCode) return
    ctx.tx.update(supplierProfiles).set({ vendorCode, updatedAt: ctx.now }).where(eq(supplierProfiles.orgId, orgId)).run()
    ctx.audit('supplier_profile', orgId, 'vendor_code_set', { vendorCode: p.vendorCode }, { vendorCode })
  })
}

/** Every supplier with what procurement compares them on. */
export async function listSuppliers(actor: Actor, opts: { q?: string; ids?: string[] } = {}) {
  assertCan(actor, 'read:supplier')
  if (scopeOf(actor, 'read:supplier') !== 'any') throw new NotFound()
  const orgs = supplierOrganisations({ q: opts.q, ids: opts.ids })
  const ids = orgs.map((o) => o.id)
  const profiles = new Map((ids.length ? db.select().from(supplierProfiles).all() : []).map((p) => [p.orgId, p]))
  const sizes = catalogSizes(ids)
  return orgs.map((o) => {
    const p = profiles.get(o.id)
    return { id: o.id, name: o.name, status: o.status, city: o.city, vendorCode: p?.vendorCode ?? null, categories: p?.categories ?? [], rating: p?.rating ?? null, catalogSize: sizes.get(o.id) ?? 0, holdReason: p?.holdReason ?? null }
  })
}

export async function pendingChanges(actor: Actor, limit: number) {
  assertCan(actor, 'approve:supplier_change')
  return db.select().from(supplierChangeRequests).where(eq(supplierChangeRequests.status, 'pending')).orderBy(asc(supplierChangeRequests.createdAt)).limit(limit).all()
}

export async function pendingChangeCount(actor: Actor) {
  assertCan(actor, 'approve:supplier_change')
  return db.select({ n: count() }).from(supplierChangeRequests).where(eq(supplierChangeRequests.status, 'pending')).get()?.n ?? 0
}

/** Sets or clears the hold reason shown to both sides (the document job), in its transaction. */
export function writeHoldReason(ctx: Ctx, orgId: string, reason: { missing: string[]; expired: string[] } | null) {
  ensureProfile(ctx, orgId)
  ctx.tx.update(supplierProfiles).set({ holdReason: reason, updatedAt: ctx.now }).where(eq(supplierProfiles.orgId, orgId)).run()
}

/** Two to four suppliers side by side (selection when choosing one). */
export async function compareSuppliers(actor: Actor, ids: string[]) {
  if (!ids.length) return []
  const rows = await listSuppliers(actor, { ids })
  const { documentStanding } = await import('./documents.server')
  return rows.map((r) => {
    const standing = documentStanding(r.id).filter((s) => s.type.required)
    const range = db
      .select({ min: min(catalogItems.priceMinor), max: max(catalogItems.priceMinor), currency: catalogItems.currency })
      .from(catalogItems)
      .where(and(eq(catalogItems.orgId, r.id), eq(catalogItems.active, 1)))
      .groupBy(catalogItems.currency)
      .orderBy(desc(count()))
      .get()
    return { ...r, documentsOk: standing.filter((s) => s.standing === 'accepted').length, documentsRequired: standing.length, priceRange: range && range.min !== null ? { min: range.min, max: range.max ?? range.min, currency: range.currency } : null }
  })
}

/** What waits for procurement, for its desk and home page. */
export async function reviewCounts(actor: Actor) {
  const { pendingApplicationCount } = await import('./applications.server')
  const { pendingDocumentCount } = await import('./documents.server')
  const { listCatalogVersions } = await import('./catalogs.server')
  return {
    applications: await pendingApplicationCount(actor),
    versions: (await listCatalogVersions(actor, { status: 'submitted', pageSize: 1 })).total,
    documents: await pendingDocumentCount(actor),
    changes: await pendingChangeCount(actor),
  }
}

/** One change request with its supplier, for its page. */
export async function getChangeRequest(actor: Actor, id: string) {
  const c = db.select().from(supplierChangeRequests).where(eq(supplierChangeRequests.id, id)).get()
  if (!c) throw new NotFound()
  // procurement's page: a supplier follows its own change on its profile
  assertCan(actor, 'approve:supplier_change', { orgId: c.orgId })
  const org = supplierOrganisation(c.orgId)
  const names = userNames([c.requestedBy, c.decidedBy])
  const current = readProfile(c.orgId)
  const before: Record<string, string> = { legalName: org?.legalName ?? '', npwp: org?.npwp ?? '', bankName: current?.bankName ?? '', bankAccount: maskAccount(current?.bankAccount) ?? '', bankHolder: current?.bankHolder ?? '' }
  return {
    change: { ...c, changes: maskChanges(c.changes) },
    before: Object.fromEntries(Object.keys(c.changes).map((k) => [k, before[k] ?? ''])),
    orgName: org?.name ?? '',
    requestedByName: names.get(c.requestedBy) ?? '',
    decidedByName: c.decidedBy ? (names.get(c.decidedBy) ?? null) : null,
    canDecide: scopeOf(actor, 'approve:supplier_change') === 'any' && c.status === 'pending',
  }
}

export async function listPendingChanges(actor: Actor) {
  const rows = await pendingChanges(actor, 200)
  const names = new Map(supplierOrganisations({ ids: rows.map((r) => r.orgId) }).map((o) => [o.id, o.name]))
  return rows.map((r) => ({ id: r.id, orgId: r.orgId, orgName: names.get(r.orgId) ?? '', fields: Object.keys(r.changes), createdAt: r.createdAt }))
}
