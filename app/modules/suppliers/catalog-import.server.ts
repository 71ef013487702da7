// Staging a catalog version: stream the file through csv-parse, judge every row, write the good
// ones in batches into catalog_staged_lines under the version's id, and flip the version out of
// 'importing' in one last transaction. Until that flip the lines are invisible (every reader goes
// through a version that is no longer 'importing'), so a crash or a kill half-way leaves no
// partial version: the next import (or the job) finds the stale 'importing' version by its
// heartbeat, deletes its lines and marks it failed.
import { Readable } from 'node:stream'
import { parse, CsvError } from 'csv-parse'
import { and, eq, inArray, lt, max } from 'drizzle-orm'
import { catalogImportErrors, catalogVersions } from '../../../db/schema/suppliers'
import { mutate, type Who } from '../../kit/mutate.server'
import { db, rawSqlite } from '../../utils/db.server'
import { newId } from '../../utils/ids'
import { catalogMachine, type CatalogMode } from './suppliers.machine'
import { CATALOG_COLUMNS, detectDelimiter, validateRow, type RowError, type StagedLine } from './suppliers.csv'

export const BATCH_ROWS = 5_000
/** A record longer than this is refused with its row number (a 50 MB "row" never reaches memory whole). */
export const MAX_RECORD_CHARS = 1_000_000
/** Errors kept per version for the report; every bad row is still counted. */
export const MAX_STORED_ERRORS = 10_000
/** An 'importing' version whose importer has not written for this long was killed. */
export const STALE_IMPORT_MS = 2 * 60_000

export type ImportSummary = {
  versionId: string
  status: 'submitted' | 'invalid' | 'failed'
  rows: number
  valid: number
  invalid: number
  new: number
  changed: number
  deactivated: number
  failure: { key: string; params?: Record<string, string | number> } | null
}

type Failure = { key: string; params?: Record<string, string | number> }

/** Today's date in Jakarta, the default start of a price. */
export function jakartaToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10)
}

/** Creates the 'importing' version (the number is the supplier's next), after clearing the supplier's orphans. */
export async function beginImport(who: Who, orgId: string, opts: { mode: CatalogMode; source: 'upload' | 'api' | 'command'; fileName: string | null; now?: number }): Promise<string> {
  await cleanOrphanImports(opts.now)
  return mutate(
    who,
    (ctx) => {
      const number = (ctx.tx.select({ n: max(catalogVersions.number) }).from(catalogVersions).where(eq(catalogVersions.orgId, orgId)).get()?.n ?? 0) + 1
      const id = newId()
      ctx.tx
        .insert(catalogVersions)
        .values({ id, orgId, number, status: 'importing', mode: opts.mode, source: opts.source, fileName: opts.fileName, submittedBy: who?.userId ?? null, heartbeatAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now })
        .run()
      ctx.audit('catalog_version', id, 'import_started', null, { number, mode: opts.mode, source: opts.source })
      return id
    },
    { now: opts.now },
  )
}

/** Deletes the lines of imports that were killed and marks them failed. Idempotent; safe beside running imports. */
export async function cleanOrphanImports(now = Date.now()): Promise<number> {
  const stale = db
    .select({ id: catalogVersions.id })
    .from(catalogVersions)
    .where(and(eq(catalogVersions.status, 'importing'), lt(catalogVersions.heartbeatAt, now - STALE_IMPORT_MS)))
    .all()
    .map((r) => r.id)
  for (const id of stale) {
    // large orphans go in slices so no single transaction holds the writer for long
    const sqlite = rawSqlite()
    const del = sqlite.prepare('DELETE FROM catalog_staged_lines WHERE rowid IN (SELECT rowid FROM catalog_staged_lines WHERE version_id = ? LIMIT 20000)')
    for (;;) {
      const n = await mutate(null, () => del.run(id).changes)
      if (n === 0) break
    }
    await mutate(null, (ctx) => {
      const v = ctx.tx.select({ status: catalogVersions.status }).from(catalogVersions).where(eq(catalogVersions.id, id)).get()
      if (v?.status !== 'importing') return
      ctx.tx.delete(catalogImportErrors).where(eq(catalogImportErrors.versionId, id)).run()
      ctx.tx
        .update(catalogVersions)
        .set({ status: catalogMachine.next('importing', 'fail'), failure: { key: 'suppliers.csv.failure.interrupted' }, updatedAt: ctx.now })
        .where(eq(catalogVersions.id, id))
        .run()
      ctx.audit('catalog_version', id, 'import_interrupted', { status: 'importing' }, { status: 'failed' })
    })
  }
  return stale.length
}

type Sink = {
  add(line: StagedLine): void
  error(e: RowError): void
  full(): boolean
  flush(): Promise<void>
  counts(): { rows: number; invalidRows: number; validRows: number }
  rowSeen(): void
}

function stagingSink(who: Who, versionId: string, onProgress?: (rows: number) => void): Sink {
  const sqlite = rawSqlite()
  const insert = sqlite.prepare(
    `INSERT INTO catalog_staged_lines (version_id, sku, row_no, name, description, unit, price_minor, currency, min_order_qty, lead_time_days, category, effective_from, effective_to, active, change)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new') ON CONFLICT (version_id, sku) DO NOTHING`,
  )
  const firstRow = sqlite.prepare('SELECT row_no FROM catalog_staged_lines WHERE version_id = ? AND sku = ?').pluck()
  const insertError = sqlite.prepare('INSERT INTO catalog_import_errors (version_id, row_no, "column", message_key, params) VALUES (?, ?, ?, ?, ?)')
  const heartbeat = sqlite.prepare('UPDATE catalog_versions SET rows_read = ?, valid_rows = ?, invalid_rows = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?')
  let lines: StagedLine[] = []
  let errors: RowError[] = []
  let rows = 0
  let validRows = 0
  const invalidRowNos = new Set<number>()
  let invalidRows = 0
  let storedErrors = 0

  const flush = async () => {
    const batchLines = lines
    const batchErrors = errors
    lines = []
    errors = []
    await mutate(who, (ctx) => {
      for (const l of batchLines) {
        const r = insert.run(versionId, l.sku, l.rowNo, l.name, l.description, l.unit, l.priceMinor, l.currency, l.minOrderQty, l.leadTimeDays, l.category, l.effectiveFrom, l.effectiveTo, l.active)
        if (r.changes === 0) {
          batchErrors.push({ rowNo: l.rowNo, column: 'sku', key: 'suppliers.csv.duplicateSku', params: { sku: l.sku, row: firstRow.get(versionId, l.sku) as number } })
        } else validRows++
      }
      for (const e of batchErrors) {
        if (!invalidRowNos.has(e.rowNo)) {
          invalidRowNos.add(e.rowNo)
          invalidRows++
        }
        if (storedErrors < MAX_STORED_ERRORS) {
          insertError.run(versionId, e.rowNo, e.column, e.key, e.params ? JSON.stringify(e.params) : null)
          storedErrors++
        }
      }
      // row numbers only matter within a batch's neighbourhood: keep the set small
      if (invalidRowNos.size > 50_000) invalidRowNos.clear()
      heartbeat.run(rows, validRows, invalidRows, ctx.now, ctx.now, versionId)
    })
    onProgress?.(rows)
  }
  return {
    add: (l) => void lines.push(l),
    error: (e) => void errors.push(e),
    rowSeen: () => void rows++,
    full: () => lines.length + errors.length >= BATCH_ROWS,
    flush,
    counts: () => ({ rows, invalidRows, validRows }),
  }
}

/** The chunks of a source with the delimiter read from the first line. */
async function withDelimiter(source: AsyncIterable<Buffer | string>): Promise<{ delimiter: ',' | ';'; chunks: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let size = 0
  let done = false
  while (size < 64 * 1024) {
    const next = await it.next()
    if (next.done) {
      done = true
      break
    }
    const buf = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    head.push(buf)
    size += buf.length
    if (buf.includes(10)) break
  }
  const first = Buffer.concat(head)
  const delimiter = detectDelimiter(first.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, ''))
  async function* chunks() {
    if (first.length) yield first
    if (done) return
    for (;;) {
      const next = await it.next()
      if (next.done) return
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    }
  }
  return { delimiter, chunks: chunks() }
}

/**
 * The parser's records in the arrays it has ready (read synchronously until it has no more), so a million-line
 * file costs a promise per chunk rather than one per record. Errors (a malformed file) surface from the loop.
 */
async function* recordBatches(stream: Readable): AsyncGenerator<string[][]> {
  let failed: Error | null = null
  let ended = false
  stream.on('error', (e: Error) => (failed = e))
  stream.on('end', () => (ended = true))
  for (;;) {
    if (failed) throw failed
    const batch: string[][] = []
    let record: string[] | null
    while (batch.length < 10_000 && (record = stream.read() as string[] | null) !== null) batch.push(record)
    if (batch.length) {
      yield batch
      continue
    }
    if (ended) return
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('readable', done)
        stream.off('end', done)
        stream.off('error', done)
        resolve()
      }
      stream.on('readable', done)
      stream.on('end', done)
      stream.on('error', done)
    })
  }
}

/**
 * Reads the file into the 'importing' version and stages it. Never throws for what is wrong with
 * the file: those are the summary's failure or row errors.
 */
export async function runImport(who: Who, versionId: string, source: AsyncIterable<Buffer | string>, opts: { today: string; now?: () => number; onProgress?: (rows: number) => void }): Promise<ImportSummary> {
  const sink = stagingSink(who, versionId, opts.onProgress)
  let failure: Failure | null = null
  let header = false
  let input: Readable | null = null
  try {
    const { delimiter, chunks } = await withDelimiter(source)
    input = Readable.from(chunks)
    // no `info`: an object per record that nothing read (5 % of a million-line import)
    const parser = parse({ delimiter, bom: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS, skip_empty_lines: true })
    input.on('error', (e) => parser.destroy(e))
    input.pipe(parser)
    let rowNo = 0
    reading: for await (const batch of recordBatches(parser)) {
      for (const record of batch) {
        rowNo++
        if (!header) {
          const names = record.map((h) => h.trim().replace(/^\uFEFF/, ''))
          if (names.length !== CATALOG_COLUMNS.length || names.some((h, i) => h !== CATALOG_COLUMNS[i])) {
            failure = { key: 'suppliers.csv.failure.wrongHeader', params: { expected: CATALOG_COLUMNS.join(','), found: names.join(',').slice(0, 300) } }
            break reading
          }
          header = true
          continue
        }
        sink.rowSeen()
        const judged = validateRow(record, rowNo, opts.today)
        if ('line' in judged) sink.add(judged.line)
        else for (const e of judged.errors) sink.error(e)
        // awaited only when a batch is full: a microtask per row is measurable at a million rows
        if (sink.full()) await sink.flush()
      }
    }
    if (!failure && !header) failure = { key: 'suppliers.csv.failure.empty' }
    if (!failure && sink.counts().rows === 0) failure = { key: 'suppliers.csv.failure.noRows' }
    if (!failure) await sink.flush()
  } catch (error) {
    if (error instanceof CsvError) {
      const row = sink.counts().rows + 2
      failure =
        error.code === 'CSV_MAX_RECORD_SIZE'
          ? { key: 'suppliers.csv.failure.rowTooLarge', params: { row, max: MAX_RECORD_CHARS } }
          : { key: 'suppliers.csv.failure.malformed', params: { row } }
    } else throw error
  } finally {
    input?.destroy()
  }
  return finishImport(who, versionId, failure, opts.now?.() ?? Date.now())
}

/** The one transaction that makes the version real (or failed): diff, counters, status. */
async function finishImport(who: Who, versionId: string, failure: Failure | null, now: number): Promise<ImportSummary> {
  if (failure) await dropLines(versionId)
  return mutate(
    who,
    (ctx) => {
      const v = ctx.tx.select().from(catalogVersions).where(eq(catalogVersions.id, versionId)).get()
      if (!v || v.status !== 'importing') throw new Error('catalog import: the version is no longer importing')
      const sqlite = rawSqlite()
      if (failure) {
        ctx.tx.delete(catalogImportErrors).where(eq(catalogImportErrors.versionId, versionId)).run()
        ctx.tx.update(catalogVersions).set({ status: catalogMachine.next('importing', 'fail'), failure, validRows: 0, invalidRows: 0, updatedAt: ctx.now }).where(eq(catalogVersions.id, versionId)).run()
        ctx.audit('catalog_version', versionId, 'import_failed', { status: 'importing' }, { status: 'failed', failure: failure.key })
        return { versionId, status: 'failed' as const, rows: v.rowsRead, valid: 0, invalid: 0, new: 0, changed: 0, deactivated: 0, failure }
      }
      const counts = computeDiff(versionId, v.orgId, v.mode)
      const invalid = (sqlite.prepare('SELECT invalid_rows FROM catalog_versions WHERE id = ?').pluck().get(versionId) as number) ?? 0
      const status = catalogMachine.next('importing', invalid > 0 ? 'stageWithErrors' : 'stage')
      // a newer file replaces the supplier's version still waiting for review (or one with errors)
      const older = ctx.tx
        .select({ id: catalogVersions.id, status: catalogVersions.status })
        .from(catalogVersions)
        .where(and(eq(catalogVersions.orgId, v.orgId), inArray(catalogVersions.status, ['submitted', 'invalid'])))
        .all()
      for (const o of older) {
        ctx.tx.update(catalogVersions).set({ status: catalogMachine.next(o.status, 'supersede'), updatedAt: ctx.now }).where(eq(catalogVersions.id, o.id)).run()
        ctx.audit('catalog_version', o.id, 'superseded', { status: o.status }, { status: 'superseded', by: v.number })
      }
      ctx.tx
        .update(catalogVersions)
        .set({
          status,
          newCount: counts.new,
          priceUpCount: counts.price_up,
          priceDownCount: counts.price_down,
          changedCount: counts.changed,
          deactivatedCount: counts.deactivated,
          submittedAt: status === 'submitted' ? ctx.now : null,
          heartbeatAt: ctx.now,
          updatedAt: ctx.now,
        })
        .where(eq(catalogVersions.id, versionId))
        .run()
      const valid = v.validRows
      ctx.audit('catalog_version', versionId, status === 'submitted' ? 'submitted' : 'staged_with_errors', { status: 'importing' }, { status, rows: v.rowsRead, valid, invalid, ...counts })
      return {
        versionId,
        status,
        rows: v.rowsRead,
        valid,
        invalid,
        new: counts.new,
        changed: counts.price_up + counts.price_down + counts.changed,
        deactivated: counts.deactivated,
        failure: null,
      } as ImportSummary
    },
    { now },
  )
}

async function dropLines(versionId: string) {
  const del = rawSqlite().prepare('DELETE FROM catalog_staged_lines WHERE rowid IN (SELECT rowid FROM catalog_staged_lines WHERE version_id = ? LIMIT 20000)')
  for (;;) if ((await mutate(null, () => del.run(versionId).changes)) === 0) break
}

export type DiffCounts = { new: number; price_up: number; price_down: number; changed: number; unchanged: number; deactivated: number }

/**
 * Compares the staged lines with the supplier's approved catalog, in SQL (a million lines never
 * cross into JavaScript). Idempotent: run at staging and again at approval when another version
 * was approved in between. Call inside a transaction.
 */
export function computeDiff(versionId: string, orgId: string, mode: CatalogMode): DiffCounts {
  const sqlite = rawSqlite()
  sqlite.prepare('DELETE FROM catalog_staged_lines WHERE version_id = ? AND row_no = 0').run(versionId)
  // back to 'new' only what an earlier run changed (staging writes 'new': rewriting a million rows cost seconds)
  sqlite.prepare("UPDATE catalog_staged_lines SET change = 'new', old_price_minor = NULL WHERE version_id = ? AND (change IS NOT 'new' OR old_price_minor IS NOT NULL)").run(versionId)
  sqlite
    .prepare(
      `UPDATE catalog_staged_lines AS l SET
         old_price_minor = i.price_minor,
         change = CASE
           WHEN l.active = 0 AND i.active = 1 THEN 'deactivated'
           WHEN l.active = 0 THEN 'unchanged'
           WHEN l.currency = i.currency AND l.price_minor > i.price_minor THEN 'price_up'
           WHEN l.currency = i.currency AND l.price_minor < i.price_minor THEN 'price_down'
           WHEN l.currency <> i.currency OR i.active = 0 OR l.name <> i.name OR l.unit <> i.unit OR l.min_order_qty <> i.min_order_qty
             OR l.description IS NOT i.description OR l.lead_time_days IS NOT i.lead_time_days OR l.category IS NOT i.category THEN 'changed'
           ELSE 'unchanged' END
       FROM catalog_items AS i
       WHERE l.version_id = ? AND i.org_id = ? AND i.sku = l.sku`,
    )
    .run(versionId, orgId)
  if (mode === 'full') {
    // every active SKU the file leaves out is deactivated: a line with row 0 ("not in the file")
    sqlite
      .prepare(
        `INSERT INTO catalog_staged_lines (version_id, sku, row_no, name, description, unit, price_minor, currency, min_order_qty, lead_time_days, category, effective_from, effective_to, active, change, old_price_minor)
         SELECT ?, i.sku, 0, i.name, i.description, i.unit, i.price_minor, i.currency, i.min_order_qty, i.lead_time_days, i.category, '0000-00-00', NULL, 0, 'deactivated', i.price_minor
         FROM catalog_items AS i
         WHERE i.org_id = ? AND i.active = 1 AND NOT EXISTS (SELECT 1 FROM catalog_staged_lines l WHERE l.version_id = ? AND l.sku = i.sku)`,
      )
      .run(versionId, orgId, versionId)
  }
  const counts: DiffCounts = { new: 0, price_up: 0, price_down: 0, changed: 0, unchanged: 0, deactivated: 0 }
  const rows = sqlite.prepare('SELECT change, count(*) AS n FROM catalog_staged_lines WHERE version_id = ? GROUP BY change').all(versionId) as { change: keyof DiffCounts; n: number }[]
  for (const r of rows) counts[r.change] = r.n
  return counts
}
