// Catalog versions: submitting (upload, API, command), reviewing line by line, approving into the
// catalog with effective-dated prices, and reading the catalog and its price history.
import fs from 'node:fs'
import { and, asc, count, desc, eq, inArray, isNull, like, lte, ne, or, gte, type SQL } from 'drizzle-orm'
import { catalogImportErrors, catalogItems, catalogPrices, catalogStagedLines, catalogVersions, supplierApiKeys } from '../../../db/schema/suppliers'
import { mutate } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { inBackground } from '../../utils/background'
import { db, rawSqlite } from '../../utils/db.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { hashToken, newId, newSecret } from '../../utils/ids'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { findSupplierByRef, organisationNames, supplierOrganisation, userNames } from '../orgs/orgs.server'
import { beginImport, computeDiff, jakartaToday, runImport, type ImportSummary } from './catalog-import.server'
import { validateRow, CATALOG_COLUMNS } from './suppliers.csv'
import { catalogMachine, LINE_CHANGES, type CatalogMode, type CatalogStatus, type LineChange } from './suppliers.machine'

export type CatalogVersion = typeof catalogVersions.$inferSelect

const who = (actor: Actor) => ({ userId: actor.userId, orgId: actor.orgId })

function assertSupplierActor(actor: Actor) {
  assertCan(actor, 'submit:catalog', { orgId: actor.orgId })
  if (!supplierOrganisation(actor.orgId)) throw new NotFound()
}

// ---- submitting ---------------------------------------------------------------------------

/**
 * A CSV file uploaded on the catalog page (already passed checkUpload). The import runs in the
 * background; the version page shows its progress. Returns the version id at once.
 */
export async function submitCatalogUpload(actor: Actor, input: { bytes: Uint8Array; fileName: string; mode: CatalogMode }, opts: { wait?: boolean; now?: number } = {}): Promise<{ versionId: string; done: Promise<ImportSummary> }> {
  assertSupplierActor(actor)
  const versionId = await beginImport(who(actor), actor.orgId, { mode: input.mode, source: 'upload', fileName: input.fileName, now: opts.now })
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
  const run = () => runImport(who(actor), versionId, chunked(bytes), { today: jakartaToday(opts.now) })
  const done = opts.wait ? run() : inBackground(run).then(() => summaryOf(versionId))
  if (opts.wait) await done
  return { versionId, done: done as Promise<ImportSummary> }
}

async function* chunked(bytes: Buffer, size = 256 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

/** `npm run catalog:import`: stages a version exactly as an upload does, as the system. */
export async function submitCatalogFromCommand(ref: string, file: string, mode: CatalogMode, opts: { onProgress?: (rows: number) => void } = {}): Promise<ImportSummary> {
  const org = findSupplierByRef(ref)
  if (!org) throw new ValidationFailed('supplier', 'suppliers.catalog.unknownSupplier', { ref })
  if (!fs.existsSync(file)) throw new ValidationFailed('file', 'suppliers.catalog.noFile', { file })
  const versionId = await beginImport(null, org.id, { mode, source: 'command', fileName: file.split('/').pop() ?? file })
  return runImport(null, versionId, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), { today: jakartaToday(), onProgress: opts.onProgress })
}

/** The JSON API: CSV text, or JSON lines with the CSV's column names, for the key's supplier. */
export async function submitCatalogFromApi(orgId: string, input: { csv?: AsyncIterable<Buffer | string>; lines?: Record<string, unknown>[]; mode: CatalogMode }): Promise<ImportSummary> {
  const versionId = await beginImport(null, orgId, { mode: input.mode, source: 'api', fileName: null })
  const source = input.csv ?? linesAsCsv(input.lines ?? [])
  return runImport(null, versionId, source, { today: jakartaToday() })
}

async function* linesAsCsv(lines: Record<string, unknown>[]) {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  yield CATALOG_COLUMNS.join(',') + '\n'
  let buf = ''
  for (const line of lines) {
    buf += CATALOG_COLUMNS.map((c) => cell(line[c])).join(',') + '\n'
    if (buf.length > 256 * 1024) {
      yield buf
      buf = ''
    }
  }
  if (buf) yield buf
}

export function summaryOf(versionId: string): ImportSummary {
  const v = db.select().from(catalogVersions).where(eq(catalogVersions.id, versionId)).get()
  if (!v) throw new NotFound()
  return {
    versionId,
    status: v.status as ImportSummary['status'],
    rows: v.rowsRead,
    valid: v.validRows,
    invalid: v.invalidRows,
    new: v.newCount,
    changed: v.priceUpCount + v.priceDownCount + v.changedCount,
    deactivated: v.deactivatedCount,
    failure: v.failure ?? null,
  }
}

// ---- reading versions ----------------------------------------------------------------------

/** A version the actor may see (the supplier's own, or any for procurement), else NotFound. */
function findVersion(actor: Actor, id: string): CatalogVersion {
  const v = db.select().from(catalogVersions).where(eq(catalogVersions.id, id)).get()
  if (!v) throw new NotFound()
  assertCan(actor, 'read:catalog', { orgId: v.orgId })
  return v
}

export async function getCatalogVersion(actor: Actor, id: string) {
  const v = findVersion(actor, id)
  const names = userNames([v.submittedBy, v.decidedBy])
  const procurement = scopeOf(actor, 'approve:catalog') === 'any'
  return {
    version: v,
    supplierName: organisationNames([v.orgId]).get(v.orgId)?.name ?? '',
    submittedByName: v.submittedBy ? (names.get(v.submittedBy) ?? null) : null,
    decidedByName: v.decidedBy ? (names.get(v.decidedBy) ?? null) : null,
    rejectedLines: v.status === 'importing' || v.status === 'failed' ? 0 : (db.select({ n: count() }).from(catalogStagedLines).where(and(eq(catalogStagedLines.versionId, id), eq(catalogStagedLines.rejected, 1))).get()?.n ?? 0),
    permissions: {
      approve: procurement && catalogMachine.can(v.status, 'approve'),
      reject: procurement && catalogMachine.can(v.status, 'reject'),
      rejectLines: procurement && v.status === 'submitted',
    },
  }
}

export const VERSION_SORTS = ['age', 'number', 'supplier', 'status'] as const

/** Versions: a supplier's own, or every supplier's for procurement (awaiting review: oldest first). */
export async function listCatalogVersions(actor: Actor, opts: { status?: CatalogStatus; orgId?: string; page?: number; pageSize?: number; sort?: (typeof VERSION_SORTS)[number]; dir?: 'asc' | 'desc' } = {}) {
  assertCan(actor, 'read:catalog')
  const conditions: SQL[] = []
  if (scopeOf(actor, 'read:catalog') !== 'any') conditions.push(eq(catalogVersions.orgId, actor.orgId))
  else if (opts.orgId) conditions.push(eq(catalogVersions.orgId, opts.orgId))
  if (opts.status) conditions.push(eq(catalogVersions.status, opts.status))
  const where = conditions.length ? and(...conditions) : undefined
  const dir = opts.dir === 'desc' ? desc : asc
  const order = opts.sort === 'number' ? [dir(catalogVersions.number)] : opts.sort === 'status' ? [dir(catalogVersions.status), desc(catalogVersions.createdAt)] : [dir(catalogVersions.createdAt)]
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(catalogVersions).where(where).orderBy(...order).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(catalogVersions).where(where).get()?.n ?? 0,
  })
  const names = organisationNames(page.rows.map((r) => r.orgId))
  return { ...page, rows: page.rows.map((r) => ({ ...r, supplierName: names.get(r.orgId)?.name ?? '' })) }
}

/** The staged lines of a version with their change; unchanged lines only when asked. */
export async function versionLines(actor: Actor, id: string, opts: { change?: LineChange; page?: number; pageSize?: number; q?: string } = {}) {
  const v = findVersion(actor, id)
  if (v.status === 'importing' || v.status === 'failed') return { rows: [], total: 0, page: 1, pageSize: 25 }
  const conditions: SQL[] = [eq(catalogStagedLines.versionId, id)]
  if (opts.change) conditions.push(eq(catalogStagedLines.change, opts.change))
  else conditions.push(ne(catalogStagedLines.change, 'unchanged'))
  if (opts.q) conditions.push(or(like(catalogStagedLines.sku, `%${opts.q}%`), like(catalogStagedLines.name, `%${opts.q}%`))!)
  const where = and(...conditions)
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(catalogStagedLines).where(where).orderBy(asc(catalogStagedLines.change), asc(catalogStagedLines.sku)).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(catalogStagedLines).where(where).get()?.n ?? 0,
  })
  return {
    ...page,
    rows: page.rows.map((l) => ({
      id: l.sku,
      ...l,
      percent: l.oldPriceMinor && (l.change === 'price_up' || l.change === 'price_down') ? Math.round(((l.priceMinor - l.oldPriceMinor) / l.oldPriceMinor) * 1000) / 10 : null,
    })),
  }
}

/** The bad rows of an import, in file order. */
export async function versionErrors(actor: Actor, id: string, opts: { page?: number; pageSize?: number } = {}) {
  findVersion(actor, id)
  const where = eq(catalogImportErrors.versionId, id)
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(catalogImportErrors).where(where).orderBy(asc(catalogImportErrors.rowNo)).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(catalogImportErrors).where(where).get()?.n ?? 0,
  })
  return { ...page, rows: page.rows.map((e, i) => ({ ...e, id: `${e.rowNo}-${i}` })) }
}

// ---- deciding ------------------------------------------------------------------------------

function loadForDecision(actor: Actor, id: string) {
  const v = findVersion(actor, id)
  assertCan(actor, 'approve:catalog')
  return v
}

function alreadyDecided(v: CatalogVersion, event: string): never {
  const by = v.decidedBy ? (userNames([v.decidedBy]).get(v.decidedBy) ?? '') : ''
  if ((v.status === 'approved' || v.status === 'rejected') && by) {
    throw new InvalidTransition(v.status, event, { key: v.status === 'approved' ? 'suppliers.catalog.alreadyApproved' : 'suppliers.catalog.alreadyRejected', params: { name: by, number: v.number } })
  }
  throw new InvalidTransition(v.status, event, { key: 'suppliers.catalog.notWaiting', params: { number: v.number } })
}

/**
 * Approves a version: its lines (but the ones procurement rejected) go into the catalog, each new
 * price into the price history from its effective date; in full mode SKUs left out are deactivated.
 */
export async function approveCatalogVersion(actor: Actor, id: string, opts: { now?: number } = {}) {
  loadForDecision(actor, id)
  return mutate(
    actor,
    (ctx) => {
      const v = ctx.tx.select().from(catalogVersions).where(eq(catalogVersions.id, id)).get()!
      if (!catalogMachine.can(v.status, 'approve')) alreadyDecided(v, 'approve')
      // another version of this supplier approved since this one was staged: compare again
      const newer = ctx.tx
        .select({ n: count() })
        .from(catalogVersions)
        .where(and(eq(catalogVersions.orgId, v.orgId), eq(catalogVersions.status, 'approved'), gte(catalogVersions.decidedAt, v.submittedAt ?? 0)))
        .get()?.n
      const counts = newer ? computeDiff(id, v.orgId, v.mode) : null
      const sqlite = rawSqlite()
      sqlite
        .prepare(
          `INSERT INTO catalog_items (org_id, sku, name, description, unit, price_minor, currency, min_order_qty, lead_time_days, category, active, version_id, updated_at)
           SELECT ?, sku, name, description, unit, price_minor, currency, min_order_qty, lead_time_days, category, active, version_id, ?
           FROM catalog_staged_lines WHERE version_id = ? AND rejected = 0 AND change <> 'unchanged'
           ON CONFLICT (org_id, sku) DO UPDATE SET name = excluded.name, description = excluded.description, unit = excluded.unit, price_minor = excluded.price_minor,
             currency = excluded.currency, min_order_qty = excluded.min_order_qty, lead_time_days = excluded.lead_time_days, category = excluded.category,
             active = excluded.active, version_id = excluded.version_id, updated_at = excluded.updated_at`,
        )
        .run(v.orgId, ctx.now, id)
      sqlite
        .prepare(
          `INSERT INTO catalog_prices (org_id, sku, effective_from, effective_to, price_minor, currency, version_id, approved_at)
           SELECT ?, sku, effective_from, effective_to, price_minor, currency, version_id, ?
           FROM catalog_staged_lines WHERE version_id = ? AND rejected = 0 AND active = 1 AND change IN ('new', 'price_up', 'price_down', 'changed')`,
        )
        .run(v.orgId, ctx.now, id)
      const next = catalogMachine.next(v.status, 'approve')
      ctx.tx
        .update(catalogVersions)
        .set({
          status: next,
          decidedBy: actor.userId,
          decidedAt: ctx.now,
          updatedAt: ctx.now,
          ...(counts ? { newCount: counts.new, priceUpCount: counts.price_up, priceDownCount: counts.price_down, changedCount: counts.changed, deactivatedCount: counts.deactivated } : {}),
        })
        .where(eq(catalogVersions.id, id))
        .run()
      ctx.audit('catalog_version', id, 'approved', { status: v.status }, { status: next })
    },
    opts,
  )
}

export async function rejectCatalogVersion(actor: Actor, id: string, reason: string, opts: { now?: number } = {}) {
  loadForDecision(actor, id)
  return mutate(
    actor,
    (ctx) => {
      const v = ctx.tx.select().from(catalogVersions).where(eq(catalogVersions.id, id)).get()!
      if (!catalogMachine.can(v.status, 'reject')) alreadyDecided(v, 'reject')
      const next = catalogMachine.next(v.status, 'reject')
      ctx.tx.update(catalogVersions).set({ status: next, decidedBy: actor.userId, decidedAt: ctx.now, rejectionReason: reason, updatedAt: ctx.now }).where(eq(catalogVersions.id, id)).run()
      ctx.audit('catalog_version', id, 'rejected', { status: v.status }, { status: next, reason })
    },
    opts,
  )
}

/** Leaves one line out of the approval, with a comment the supplier reads (or takes it back in). */
export async function setCatalogLineRejected(actor: Actor, id: string, sku: string, rejected: boolean, comment: string | null) {
  findVersion(actor, id)
  assertCan(actor, 'approve:catalog')
  await mutate(actor, (ctx) => {
    const v = ctx.tx.select().from(catalogVersions).where(eq(catalogVersions.id, id)).get()!
    if (v.status !== 'submitted') alreadyDecided(v, 'rejectLine')
    const line = ctx.tx.select({ sku: catalogStagedLines.sku, rejected: catalogStagedLines.rejected }).from(catalogStagedLines).where(and(eq(catalogStagedLines.versionId, id), eq(catalogStagedLines.sku, sku))).get()
    if (!line) throw new NotFound()
    ctx.tx
      .update(catalogStagedLines)
      .set({ rejected: rejected ? 1 : 0, comment: rejected ? comment : null })
      .where(and(eq(catalogStagedLines.versionId, id), eq(catalogStagedLines.sku, sku)))
      .run()
    ctx.audit('catalog_version', id, rejected ? 'line_rejected' : 'line_restored', { sku, rejected: line.rejected }, { sku, rejected: rejected ? 1 : 0, comment })
  })
}

// ---- the catalog and its prices ------------------------------------------------------------

function assertReadCatalogOf(actor: Actor, orgId: string) {
  if (!supplierOrganisation(orgId)) throw new NotFound()
  assertCan(actor, 'read:catalog', { orgId })
}

/** The supplier whose catalog a page shows (callers have authorised the catalog). */
export function catalogOwner(orgId: string): { id: string; name: string } {
  const org = supplierOrganisation(orgId)
  if (!org) throw new NotFound()
  return { id: org.id, name: org.name }
}

export const ITEM_SORTS = ['sku', 'name', 'price'] as const

export async function listCatalogItems(actor: Actor, orgId: string, opts: { q?: string; page?: number; pageSize?: number; sort?: (typeof ITEM_SORTS)[number]; dir?: 'asc' | 'desc'; on?: string } = {}) {
  assertReadCatalogOf(actor, orgId)
  const conditions: SQL[] = [eq(catalogItems.orgId, orgId)]
  if (opts.q) conditions.push(or(like(catalogItems.sku, `%${opts.q}%`), like(catalogItems.name, `%${opts.q}%`))!)
  const where = and(...conditions)
  const dir = opts.dir === 'desc' ? desc : asc
  const order = opts.sort === 'name' ? dir(catalogItems.name) : opts.sort === 'price' ? dir(catalogItems.priceMinor) : dir(catalogItems.sku)
  const on = opts.on ?? jakartaToday()
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(catalogItems).where(where).orderBy(order).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(catalogItems).where(where).get()?.n ?? 0,
  })
  return { ...page, rows: page.rows.map((r) => ({ ...r, id: r.sku, priceToday: priceOnDate(orgId, r.sku, on) })) }
}

function priceOnDate(orgId: string, sku: string, date: string): { minor: number; currency: string } | null {
  const row = db
    .select({ minor: catalogPrices.priceMinor, currency: catalogPrices.currency })
    .from(catalogPrices)
    .where(and(eq(catalogPrices.orgId, orgId), eq(catalogPrices.sku, sku), lte(catalogPrices.effectiveFrom, date), or(isNull(catalogPrices.effectiveTo), gte(catalogPrices.effectiveTo, date))))
    .orderBy(desc(catalogPrices.effectiveFrom), desc(catalogPrices.approvedAt))
    .limit(1)
    .get()
  return row ?? null
}

/** "The price of SKU X on date D": the approved price in effect that day, or null. */
export async function priceOn(actor: Actor, orgId: string, sku: string, date: string) {
  assertReadCatalogOf(actor, orgId)
  return priceOnDate(orgId, sku, date)
}

/** One item with every approved price, oldest first (for the chart). */
export async function catalogItem(actor: Actor, orgId: string, sku: string) {
  assertReadCatalogOf(actor, orgId)
  const item = db.select().from(catalogItems).where(and(eq(catalogItems.orgId, orgId), eq(catalogItems.sku, sku))).get()
  if (!item) throw new NotFound()
  const prices = db.select().from(catalogPrices).where(and(eq(catalogPrices.orgId, orgId), eq(catalogPrices.sku, sku))).orderBy(asc(catalogPrices.effectiveFrom), asc(catalogPrices.approvedAt)).all()
  return { item, prices, supplierName: organisationNames([orgId]).get(orgId)?.name ?? '', priceToday: priceOnDate(orgId, sku, jakartaToday()) }
}

/** Catalog size per supplier (comparison, home). */
export function catalogSizes(orgIds: string[]): Map<string, number> {
  if (!orgIds.length) return new Map()
  return new Map(
    db
      .select({ orgId: catalogItems.orgId, n: count() })
      .from(catalogItems)
      .where(and(inArray(catalogItems.orgId, orgIds), eq(catalogItems.active, 1)))
      .groupBy(catalogItems.orgId)
      .all()
      .map((r) => [r.orgId, r.n]),
  )
}

// ---- API keys ------------------------------------------------------------------------------

export async function listApiKeys(actor: Actor) {
  assertCan(actor, 'manage:api_key', { orgId: actor.orgId })
  return db
    .select({ id: supplierApiKeys.id, name: supplierApiKeys.name, prefix: supplierApiKeys.prefix, createdAt: supplierApiKeys.createdAt, lastUsedAt: supplierApiKeys.lastUsedAt, revokedAt: supplierApiKeys.revokedAt })
    .from(supplierApiKeys)
    .where(eq(supplierApiKeys.orgId, actor.orgId))
    .orderBy(desc(supplierApiKeys.createdAt))
    .all()
}

/** A new key: the secret is shown once and only its hash is kept. */
export async function createApiKey(actor: Actor, name: string): Promise<{ id: string; key: string }> {
  assertCan(actor, 'manage:api_key', { orgId: actor.orgId })
  assertSupplierActor(actor)
  const secret = newSecret()
  const prefix = secret.slice(0, 8)
  const key = `mitra_${secret}`
  const id = newId()
  await mutate(actor, (ctx) => {
    ctx.tx.insert(supplierApiKeys).values({ id, orgId: actor.orgId, name, prefix, keyHash: hashToken(key), createdBy: actor.userId, createdAt: ctx.now }).run()
    ctx.audit('api_key', id, 'created', null, { name, prefix })
  })
  return { id, key }
}

export async function revokeApiKey(actor: Actor, id: string) {
  const row = db.select().from(supplierApiKeys).where(eq(supplierApiKeys.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'manage:api_key', { orgId: row.orgId })
  if (row.revokedAt) return
  await mutate(actor, (ctx) => {
    ctx.tx.update(supplierApiKeys).set({ revokedAt: ctx.now }).where(eq(supplierApiKeys.id, id)).run()
    ctx.audit('api_key', id, 'revoked', { revokedAt: null }, { revokedAt: ctx.now })
  })
}

/** The supplier behind a presented key, or null (unknown, revoked, or its supplier gone). */
export async function supplierForApiKey(key: string | null): Promise<{ orgId: string; keyId: string } | null> {
  if (!key || !/^mitra_[A-Za-z0-9_-]{16,128}$/.test(key)) return null
  const row = db.select().from(supplierApiKeys).where(eq(supplierApiKeys.keyHash, hashToken(key))).get()
  if (!row || row.revokedAt || !supplierOrganisation(row.orgId)) return null
  await mutate(null, (ctx) => ctx.tx.update(supplierApiKeys).set({ lastUsedAt: ctx.now }).where(eq(supplierApiKeys.id, row.id)).run())
  return { orgId: row.orgId, keyId: row.id }
}

/** The versions of the key's supplier, for the API. */
export function apiVersions(orgId: string) {
  return db
    .select({ id: catalogVersions.id, number: catalogVersions.number, status: catalogVersions.status, mode: catalogVersions.mode, rows: catalogVersions.rowsRead, valid: catalogVersions.validRows, invalid: catalogVersions.invalidRows, createdAt: catalogVersions.createdAt })
    .from(catalogVersions)
    .where(eq(catalogVersions.orgId, orgId))
    .orderBy(desc(catalogVersions.number))
    .limit(50)
    .all()
}

export function apiVersionErrors(orgId: string, versionId: string) {
  const v = db.select({ orgId: catalogVersions.orgId }).from(catalogVersions).where(eq(catalogVersions.id, versionId)).get()
  if (!v || v.orgId !== orgId) throw new NotFound()
  return db.select({ row: catalogImportErrors.rowNo, column: catalogImportErrors.column, message: catalogImportErrors.messageKey, params: catalogImportErrors.params }).from(catalogImportErrors).where(eq(catalogImportErrors.versionId, versionId)).orderBy(asc(catalogImportErrors.rowNo)).limit(1000).all()
}

export { LINE_CHANGES, validateRow }
