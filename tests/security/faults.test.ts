// Faults: a writer killed with SIGKILL mid-transaction, a database locked longer than
// busy_timeout, and a backup restored elsewhere. What must hold: nothing half-written is ever
// visible, the server answers "try again" instead of failing, and a backup is the whole database.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv, REPO, runDir, seededTemplate, SESSION_SECRET, startServer, tsxArgs, type TestServer } from './support/server'

const BATCH = 50 // fixtures/bulk-writer.ts

let server: TestServer
let scratch: string

beforeAll(async () => {
  server = await startServer('faults')
  scratch = path.join(runDir(), `faults-scratch-${process.pid}`)
  fs.mkdirSync(scratch, { recursive: true })
})

afterAll(async () => {
  await server?.stop()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

async function freshCopy(name: string) {
  const file = path.join(scratch, name)
  fs.copyFileSync(await seededTemplate(), file)
  return file
}

/** Runs the bulk writer until its output says `untilLine`, then SIGKILLs it; returns everything it printed. */
function killWriterWhen(dbFile: string, mode: 'one' | 'batches', ready: (output: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArgs('tests/security/fixtures/bulk-writer.ts', dbFile, mode), { cwd: REPO, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let killed = false
    child.stdout.on('data', (d) => {
      out += d
      if (!killed && ready(out)) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (d) => (err += d))
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(out)
      else reject(new Error(`the writer exited by itself (${code}): ${out}\n${err}`))
    })
  })
}

function health(file: string) {
  const db = new Database(file)
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeyProblems: db.pragma('foreign_key_check') as unknown[],
      db,
    }
  } catch (error) {
    db.close()
    throw error
  }
}

describe('a writer killed with SIGKILL', () => {
  it('in the middle of one large transaction leaves none of it, and a sound database', async () => {
    const file = await freshCopy('kill-one.db')
    const probe = new Database(file)
    const before = probe.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }
    probe.close()
    const out = await killWriterWhen(file, 'one', (o) => Math.max(0, ...[...o.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]))) >= 10_000)
    expect(out).toMatch(/progress 10000/)
    // the uncommitted pages did reach the write-ahead log: the kill really landed mid-write
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0)
    const { integrity, foreignKeyProblems, db } = health(file)
    try {
      expect(integrity).toBe('ok')
      expect(foreignKeyProblems).toEqual([])
      expect(db.prepare("SELECT count(*) AS n FROM accounts WHERE name LIKE 'KILL-ONE-%'").get()).toEqual({ n: 0 })
      expect(db.prepare("SELECT count(*) AS n FROM contacts WHERE first_name LIKE 'KILL-ONE-%'").get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual(before)
    } finally {
      db.close()
    }
  })

  it('between many small transactions keeps every committed batch whole and no partial one', async () => {
    const file = await freshCopy('kill-batches.db')
    const out = await killWriterWhen(file, 'batches', (o) => (o.match(/committed/g)?.length ?? 0) >= 40)
    const committed = Math.max(...[...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1])))
    const { integrity, foreignKeyProblems, db } = health(file)
    try {
      expect(integrity).toBe('ok')
      expect(foreignKeyProblems).toEqual([])
      const perBatch = new Map<number, number>()
      for (const { name } of db.prepare("SELECT name FROM accounts WHERE name LIKE 'KILL-BATCH-%'").all() as { name: string }[]) {
        const n = Number(/^KILL-BATCH-(\d+)-\d+$/.exec(name)![1])
        perBatch.set(n, (perBatch.get(n) ?? 0) + 1)
      }
      // all or nothing per transaction
      for (const [n, rows] of perBatch) expect(rows, `batch ${n}`).toBe(BATCH)
      // and everything reported committed survived (synchronous=NORMAL loses nothing on a process crash)
      for (let n = 0; n <= committed; n++) expect(perBatch.has(n), `batch ${n}`).toBe(true)
      expect(perBatch.size - (committed + 1)).toBeLessThanOrEqual(1) // at most the one whose line never got out
      const batches = perBatch
      const contacts = db.prepare("SELECT count(*) AS n FROM contacts WHERE first_name LIKE 'KILL-BATCH-%'").get() as { n: number }
      expect(contacts.n).toBe(batches.size * BATCH)
    } finally {
      db.close()
    }
  })
})

describe('lock contention', () => {
  const form = (name: string) => ({ name, locale: 'id', timeZone: 'Asia/Jakarta' })
  const named = (name: string) => (server.db.prepare('SELECT count(*) AS n FROM users WHERE name = ?').get(name) as { n: number }).n

  /** Another connection takes the write lock, as a job or a script in another process would. */
  function holdWriteLock(ms: number) {
    const holder = new Database(server.dbFile)
    holder.exec('BEGIN IMMEDIATE')
    let released = false
    const release = () => {
      if (released) return
      released = true
      holder.exec('ROLLBACK')
      holder.close()
    }
    const timer = setTimeout(release, ms)
    return () => {
      clearTimeout(timer)
      release()
    }
  }

  it('waits out a short lock (busy_timeout) and then writes', async () => {
    const user = await server.signIn('user@majujaya.test')
    const release = holdWriteLock(1_000)
    const started = Date.now()
    try {
      const res = await server.request('/profile', { as: user, form: form('Rina Waited') })
      expect(res.status).toBe(302)
    } finally {
      release()
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(named('Rina Waited')).toBe(1)
  })

  it('answers 503 with Retry-After while the lock outlasts busy_timeout, then works again', async () => {
    const user = await server.signIn('user@majujaya.test')
    const release = holdWriteLock(7_000)
    const started = Date.now()
    let res
    try {
      res = await server.request('/profile', { as: user, form: form('Rina Retry') })
    } finally {
      release()
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500) // it did wait for busy_timeout first
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(res.body).toMatch(/Sistem sedang sibuk/) // a message in the user's language, not a stack trace
    expect(res.body).not.toMatch(/SQLITE_BUSY|SqliteError|at .*\.js:\d+/)
    expect(named('Rina Retry')).toBe(0)

    // the server is still up, and the retry succeeds
    expect((await server.request('/healthz')).status).toBe(200)
    const retry = await server.request('/profile', { as: user, form: form('Rina Retry') })
    expect(retry.status).toBe(302)
    expect(named('Rina Retry')).toBe(1)
  })
})

describe('backup and restore', () => {
  it('`npm run db:backup <file>` of the live database restores elsewhere with the same rows in every table', async () => {
    const backup = path.join(scratch, 'backup.db')
    const env = childEnv({ NODE_ENV: 'production', DATABASE_URL: server.dbFile, DATA_DIR: server.dir, SESSION_SECRET })
    const code = await new Promise<number>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'db:backup', '--', backup], { cwd: REPO, env, stdio: 'ignore' })
      child.on('exit', (c) => resolve(c ?? 1))
    })
    expect(code).toBe(0)

    // restore: copy the file to a fresh path, as scripts/backup.ts documents
    const restoredFile = path.join(scratch, 'restored', 'mitra.db')
    fs.mkdirSync(path.dirname(restoredFile), { recursive: true })
    fs.copyFileSync(backup, restoredFile)
    const { integrity, foreignKeyProblems, db: restored } = health(restoredFile)
    try {
      expect(integrity).toBe('ok')
      expect(foreignKeyProblems).toEqual([])
      const tables = (server.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
      expect(tables).toContain('accounts')
      const counts = (db: Database.Database) => Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]))
      const live = counts(server.db)
      expect(live.accounts).toBeGreaterThan(100)
      expect(counts(restored)).toEqual(live)
    } finally {
      restored.close()
    }
  })
})
