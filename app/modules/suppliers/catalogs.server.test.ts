import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { catalogStagedLines, catalogVersions } from '../../../db/schema'
import { makeActor } from '../../../tests/factories'
import { db } from '../../utils/db.server'
import { InvalidTransition, NotFound, Forbidden } from '../../utils/errors'
import { beginImport, cleanOrphanImports, runImport, STALE_IMPORT_MS } from './catalog-import.server'
import { priceToMinor } from './suppliers.csv'
import {
  approveCatalogVersion,
  createApiKey,
  getCatalogVersion,
  listCatalogItems,
  listCatalogVersions,
  priceOn,
  rejectCatalogVersion,
  revokeApiKey,
  setCatalogLineRejected,
  submitCatalogFromApi,
  submitCatalogUpload,
  supplierForApiKey,
  versionErrors,
  versionLines,
} from './catalogs.server'

const HEADER = 'sku,name,description,unit,price,currency,min_order_qty,lead_time_days,category,effective_from,effective_to,active'
const enc = (s: string) => new TextEncoder().encode(s)

async function setup() {
  const supplier = await makeActor({ role: 'supplier_admin' })
  const other = await makeActor({ role: 'supplier_admin' })
  const procurement = await makeActor({ role: 'procurement_manager' })
  const partner = await makeActor({ role: 'partner_admin' })
  return { supplier, other, procurement, partner }
}

async function upload(actor: Awaited<ReturnType<typeof makeActor>>, text: string | Uint8Array, mode: 'full' | 'incremental' = 'full') {
  const { versionId, done } = await submitCatalogUpload(actor, { bytes: typeof text === 'string' ? enc(text) : text, fileName: 'catalog.csv', mode }, { wait: true })
  return { ...(await done), versionId }
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n'

describe('CSV reading', () => {
  it('reads a BOM, semicolons, quoted commas and line breaks, and prices per currency', async () => {
    const { supplier } = await setup()
    const text = '\uFEFF' + [HEADER.replace(/,/g, ';'), 'A-1;"Kabel; 3 core";"line one\nline two, with comma";m;12500000.00;IDR;10;5;Kabel;2026-01-01;;true', 'B-2;Widget;;pcs;19.99;usd;;;;;;'].join('\r\n')
    const r = await upload(supplier, text)
    expect(r).toMatchObject({ status: 'submitted', rows: 2, valid: 2, invalid: 0, new: 2, changed: 0, deactivated: 0 })
    const lines = db.select().from(catalogStagedLines).where(eq(catalogStagedLines.versionId, r.versionId)).all()
    const a = lines.find((l) => l.sku === 'A-1')!
    expect(a).toMatchObject({ name: 'Kabel; 3 core', description: 'line one\nline two, with comma', priceMinor: 12_500_000, currency: 'IDR', minOrderQty: 10, leadTimeDays: 5, effectiveFrom: '2026-01-01' })
    expect(lines.find((l) => l.sku === 'B-2')).toMatchObject({ priceMinor: 1999, currency: 'USD', minOrderQty: 1, active: 1 })
  })

  it('converts decimal text to minor units and refuses what it cannot read exactly', () => {
    expect(priceToMinor('12500000', 'IDR')).toEqual({ ok: true, minor: 12_500_000 })
    expect(priceToMinor('12500000.00', 'IDR')).toEqual({ ok: true, minor: 12_500_000 })
    expect(priceToMinor('19.99', 'USD')).toEqual({ ok: true, minor: 1999 })
    expect(priceToMinor('19.9', 'USD')).toEqual({ ok: true, minor: 1990 })
    expect(priceToMinor('12500.50', 'IDR')).toMatchObject({ ok: false, key: 'suppliers.csv.tooManyDecimals' })
    expect(priceToMinor('12.500.000', 'IDR')).toMatchObject({ ok: false, key: 'suppliers.csv.badPrice' })
    expect(priceToMinor('-5', 'IDR')).toMatchObject({ ok: false })
    expect(priceToMinor('99999999999999999999', 'IDR')).toMatchObject({ ok: false, key: 'suppliers.csv.priceTooLarge' })
  })

  it('reports each bad row with its row number, column and message, and stages nothing submittable', async () => {
    const { supplier } = await setup()
    const r = await upload(
      supplier,
      csv(
        'OK-1,Good,,pcs,1000,IDR,,,,,,',
        'BAD-PRICE,Thing,,pcs,12.500,IDR,,,,,,',
        'BAD-DATE,Thing,,pcs,1000,IDR,,,,2026-02-30,,',
        ',No sku,,pcs,1000,IDR,,,,,,',
        'BAD-CUR,Thing,,pcs,1000,XXQ,,,,,,',
        'BAD-QTY,Thing,,pcs,1000,IDR,0,abc,,,,',
        'OK-1,Again,,pcs,2000,IDR,,,,,,',
        'SHORT,row',
        'BAD-ORDER,Thing,,pcs,1000,IDR,,,,2026-05-01,2026-04-01,maybe',
      ),
    )
    expect(r).toMatchObject({ status: 'invalid', rows: 9, valid: 1, invalid: 8 })
    const errors = (await versionErrors(supplier, r.versionId, { pageSize: 100 })).rows.map((e) => `${e.rowNo}:${e.column}:${e.messageKey}`)
    expect(errors).toEqual(
      expect.arrayContaining([
        '3:price:suppliers.csv.tooManyDecimals',
        '4:effective_from:suppliers.csv.badDate',
        '5:sku:suppliers.csv.required',
        '6:currency:suppliers.csv.badCurrency',
        '7:min_order_qty:suppliers.csv.badInteger',
        '7:lead_time_days:suppliers.csv.badInteger',
        '8:sku:suppliers.csv.duplicateSku',
        '9:null:suppliers.csv.columnCount',
        '10:effective_to:suppliers.csv.dateOrder',
        '10:active:suppliers.csv.badActive',
      ]),
    )
    const dup = (await versionErrors(supplier, r.versionId, { pageSize: 100 })).rows.find((e) => e.messageKey === 'suppliers.csv.duplicateSku')
    expect(dup?.params).toEqual({ sku: 'OK-1', row: 2 })
    // the version with errors cannot be approved; a corrected file replaces it
    const { procurement } = await setup()
    await expect(approveCatalogVersion(procurement, r.versionId)).rejects.toThrow(InvalidTransition)
    const fixed = await upload(supplier, csv('OK-1,Good,,pcs,1000,IDR,,,,,,'))
    expect(fixed.status).toBe('submitted')
    expect(db.select().from(catalogVersions).where(eq(catalogVersions.id, r.versionId)).get()?.status).toBe('superseded')
  })

  it('refuses a wrong header, an empty file, a header alone and a 50 MB row, cleanly and with nothing staged', async () => {
    const { supplier } = await setup()
    const wrong = await upload(supplier, 'sku,name,price\nA,B,1\n')
    expect(wrong).toMatchObject({ status: 'failed', failure: { key: 'suppliers.csv.failure.wrongHeader' } })
    expect(await upload(supplier, '')).toMatchObject({ status: 'failed', failure: { key: 'suppliers.csv.failure.empty' } })
    expect(await upload(supplier, HEADER + '\n')).toMatchObject({ status: 'failed', failure: { key: 'suppliers.csv.failure.noRows' } })
    const huge = new Uint8Array(50 * 1024 * 1024 + 200)
    huge.set(enc(HEADER + '\nBIG,'), 0)
    huge.fill(0x61, HEADER.length + 5)
    const big = await upload(supplier, huge)
    expect(big).toMatchObject({ status: 'failed', failure: { key: 'suppliers.csv.failure.rowTooLarge', params: { row: 2 } } })
    expect(db.select().from(catalogStagedLines).where(eq(catalogStagedLines.versionId, big.versionId)).all()).toHaveLength(0)
  })
})

describe('diff, review and effective-dated prices', () => {
  it('compares a full load with the approved catalog: new, price up/down with %, changes, deactivations', async () => {
    const { supplier, procurement } = await setup()
    const v1 = await upload(supplier, csv('A,Alpha,,pcs,1000,IDR,,,,2026-01-01,,', 'B,Beta,,pcs,2000,IDR,,,,2026-01-01,,', 'C,Gamma,,pcs,3000,IDR,,,,2026-01-01,,', 'D,Delta,,pcs,4000,IDR,,,,2026-01-01,,'))
    await approveCatalogVersion(procurement, v1.versionId)
    // A up 10%, B down 25%, C renamed, D left out (deactivated), E new
    const v2 = await upload(supplier, csv('A,Alpha,,pcs,1100,IDR,,,,2026-03-01,,', 'B,Beta,,pcs,1500,IDR,,,,2026-03-01,,', 'C,Gamma Plus,,pcs,3000,IDR,,,,2026-03-01,,', 'E,Epsilon,,pcs,5000,IDR,,,,2026-03-01,,'))
    expect(v2).toMatchObject({ status: 'submitted', rows: 4, new: 1, changed: 3, deactivated: 1 })
    const lines = (await versionLines(procurement, v2.versionId, { pageSize: 100 })).rows
    const by = Object.fromEntries(lines.map((l) => [l.sku, l]))
    expect(by.A).toMatchObject({ change: 'price_up', oldPriceMinor: 1000, priceMinor: 1100, percent: 10 })
    expect(by.B).toMatchObject({ change: 'price_down', percent: -25 })
    expect(by.C.change).toBe('changed')
    expect(by.D.change).toBe('deactivated')
    expect(by.E.change).toBe('new')

    // one line rejected with a comment stays out of the catalog
    await setCatalogLineRejected(procurement, v2.versionId, 'B', true, 'Price not agreed')
    await approveCatalogVersion(procurement, v2.versionId)
    const items = Object.fromEntries((await listCatalogItems(procurement, supplier.orgId, { pageSize: 50, on: '2026-04-01' })).rows.map((i) => [i.sku, i]))
    expect(items.A.priceToday).toEqual({ minor: 1100, currency: 'IDR' })
    expect(items.B.priceToday).toEqual({ minor: 2000, currency: 'IDR' })
    expect(items.C.name).toBe('Gamma Plus')
    expect(items.D.active).toBe(0)
    expect(items.E.active).toBe(1)

    // effective dates: the old price before 1 March, the new one from it
    expect(await priceOn(procurement, supplier.orgId, 'A', '2026-02-28')).toEqual({ minor: 1000, currency: 'IDR' })
    expect(await priceOn(procurement, supplier.orgId, 'A', '2026-03-01')).toEqual({ minor: 1100, currency: 'IDR' })
    expect(await priceOn(procurement, supplier.orgId, 'A', '2025-12-31')).toBeNull()
    expect(await priceOn(procurement, supplier.orgId, 'E', '2026-02-01')).toBeNull()
  })

  it('an incremental load changes only the rows present; active=false deactivates', async () => {
    const { supplier, procurement } = await setup()
    const v1 = await upload(supplier, csv('A,Alpha,,pcs,1000,IDR,,,,,,', 'B,Beta,,pcs,2000,IDR,,,,,,', 'C,Gamma,,pcs,3000,IDR,,,,,,'))
    await approveCatalogVersion(procurement, v1.versionId)
    const v2 = await upload(supplier, csv('A,Alpha,,pcs,900,IDR,,,,,,', 'C,Gamma,,pcs,3000,IDR,,,,,,false'), 'incremental')
    expect(v2).toMatchObject({ rows: 2, new: 0, changed: 1, deactivated: 1 })
    await approveCatalogVersion(procurement, v2.versionId)
    const items = Object.fromEntries((await listCatalogItems(procurement, supplier.orgId)).rows.map((i) => [i.sku, i]))
    expect(items.A.priceMinor).toBe(900)
    expect(items.B.active).toBe(1)
    expect(items.C.active).toBe(0)
  })

  it('a decision is taken once, with words for the loser; rejection keeps the catalog as it was', async () => {
    const { supplier, procurement } = await setup()
    const second = await makeActor({ role: 'procurement_manager' })
    const v1 = await upload(supplier, csv('A,Alpha,,pcs,1000,IDR,,,,,,'))
    await rejectCatalogVersion(procurement, v1.versionId, 'Prices too high')
    await expect(approveCatalogVersion(second, v1.versionId)).rejects.toMatchObject({ messageKey: 'suppliers.catalog.alreadyRejected' })
    expect((await listCatalogItems(procurement, supplier.orgId)).total).toBe(0)
  })
})

describe('all or nothing', () => {
  it('a killed import leaves no version to review and its lines are swept', async () => {
    const { supplier, procurement } = await setup()
    const t0 = Date.now()
    const versionId = await beginImport({ userId: supplier.userId, orgId: supplier.orgId }, supplier.orgId, { mode: 'full', source: 'upload', fileName: 'x.csv', now: t0 })
    // the importer writes a few batches, then dies: its source never ends
    async function* dying() {
      yield HEADER + '\n'
      for (let i = 0; i < 12_000; i++) yield `S${i},Item,,pcs,100,IDR,,,,,,\n`
      await new Promise(() => {})
    }
    void runImport({ userId: supplier.userId, orgId: supplier.orgId }, versionId, dying(), { today: '2026-01-01' })
    await expect.poll(() => db.select().from(catalogStagedLines).where(eq(catalogStagedLines.versionId, versionId)).all().length, { timeout: 10_000 }).toBeGreaterThan(0)
    // nobody sees it as a version waiting for review
    expect((await listCatalogVersions(procurement, { status: 'submitted' })).rows.map((v) => v.id)).not.toContain(versionId)
    expect((await versionLines(procurement, versionId)).total).toBe(0)
    expect(await cleanOrphanImports(Date.now() + STALE_IMPORT_MS + 1000)).toBeGreaterThanOrEqual(1)
    expect(db.select().from(catalogStagedLines).where(eq(catalogStagedLines.versionId, versionId)).all()).toHaveLength(0)
    expect((await getCatalogVersion(supplier, versionId)).version.status).toBe('failed')
  })
})

describe('tenancy and the API', () => {
  it('a supplier never sees another supplier’s versions or catalog; partners see none', async () => {
    const { supplier, other, partner, procurement } = await setup()
    const v = await upload(supplier, csv('SECRET-1,Secret,,pcs,1000,IDR,,,,,,'))
    await approveCatalogVersion(procurement, v.versionId)
    await expect(getCatalogVersion(other, v.versionId)).rejects.toThrow(NotFound)
    await expect(versionLines(other, v.versionId)).rejects.toThrow(NotFound)
    await expect(listCatalogItems(other, supplier.orgId)).rejects.toThrow(NotFound)
    expect((await listCatalogVersions(other)).rows.map((r) => r.id)).not.toContain(v.versionId)
    await expect(listCatalogVersions(partner)).rejects.toThrow(Forbidden)
    await expect(approveCatalogVersion(other, v.versionId)).rejects.toThrow(NotFound)
  })

  it('API keys: only the hash is stored, the key works until revoked', async () => {
    const { supplier, other } = await setup()
    const { id, key } = await createApiKey(supplier, 'ERP sync')
    expect(JSON.stringify(db.all(`SELECT * FROM supplier_api_keys`))).not.toContain(key)
    expect(await supplierForApiKey(key)).toMatchObject({ orgId: supplier.orgId })
    const r = await submitCatalogFromApi(supplier.orgId, { mode: 'incremental', lines: [{ sku: 'API-1', name: 'From API', unit: 'pcs', price: '19.99', currency: 'USD' }] })
    expect(r).toMatchObject({ status: 'submitted', rows: 1, valid: 1, new: 1 })
    await expect(revokeApiKey(other, id)).rejects.toThrow(NotFound)
    await revokeApiKey(supplier, id)
    expect(await supplierForApiKey(key)).toBeNull()
    expect(await supplierForApiKey('mitra_not-a-real-key-at-all')).toBeNull()
  })
})
