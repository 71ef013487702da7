// Online backups: SQLite's backup API copies the live database page by page (the server keeps
// writing meanwhile), the copy is verified by opening it and running PRAGMA integrity_check,
// and only then renamed into place as mitra-<time>.db; the newest BACKUP_KEEP copies are kept.
// Used by the scheduled job (app/jobs/index.server.ts) and `npm run db:backup`.
import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

export type BackupResult = { file: string; bytes: number; copyMs: number; verifyMs: number; removed: string[] }

const NAME = /^mitra-\d{4}-\d{2}-\d{2}T[\d-]+Z\.db$/

/**
 * integrity_check reads the whole file: it runs in a worker thread so a server taking a
 * scheduled backup keeps answering requests meanwhile.
 */
export function verifyBackup(file: string): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const Database = require('better-sqlite3')
    const db = new Database(workerData, { fileMustExist: true })
    try {
      // the copy inherits WAL mode; a backup is one self-contained file
      db.pragma('journal_mode = DELETE')
      parentPort.postMessage(db.pragma('integrity_check').map((r) => r.integrity_check).join('; '))
    } finally { db.close() }
  `
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: file })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (exitCode) => exitCode !== 0 && reject(new Error(`integrity check worker exited with ${exitCode}`)))
  })
}

/** Backs `sqlite` up into `dir`, verifies the copy, keeps the newest `keep` copies there. */
export async function backupDatabase(sqlite: Database.Database, dir: string, keep: number, now = new Date()): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `mitra-${now.toISOString().replace(/[:.]/g, '-')}.db`)
  const result = await backupTo(sqlite, file)
  const copies = fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort()
  const removed = copies.slice(0, Math.max(0, copies.length - keep)).map((name) => path.join(dir, name))
  for (const old of removed) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(old + suffix, { force: true })
  return { ...result, removed }
}

/** One verified copy at `file` (written beside it as .partial until it passed the check). */
export async function backupTo(sqlite: Database.Database, file: string): Promise<Omit<BackupResult, 'removed'>> {
  const partial = `${file}.partial`
  fs.rmSync(partial, { force: true })
  const started = performance.now()
  await sqlite.backup(partial)
  const copied = performance.now()
  const verdict = await verifyBackup(partial).catch((error: Error) => `could not open: ${error.message}`)
  const verified = performance.now()
  if (verdict !== 'ok') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
    throw new Error(`backup failed its integrity check: ${verdict}`)
  }
  fs.renameSync(partial, file)
  return { file, bytes: fs.statSync(file).size, copyMs: Math.round(copied - started), verifyMs: Math.round(verified - copied) }
}
