// `npm run catalog:import -- --supplier <email domain or id> --file <csv> [--mode full|incremental]`, run as an
// operator runs it, against a copy of the seeded database: it stages a version exactly as an upload does and its
// last line of output is the JSON summary scripts read.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { childEnv, REPO, runDir, seededTemplate, SESSION_SECRET } from './support/server'

const run = promisify(execFile)
let dir: string
let dbFile: string
const HEADER = 'sku,name,description,unit,price,currency,min_order_qty,lead_time_days,category,effective_from,effective_to,active'

beforeAll(async () => {
  const template = await seededTemplate()
  dir = path.join(runDir(), `catalog-command-${process.pid}`)
  fs.mkdirSync(dir, { recursive: true })
  dbFile = path.join(dir, 'mitra.db')
  fs.copyFileSync(template, dbFile)
})

async function importCommand(args: string[]) {
  const env = childEnv({ DATABASE_URL: dbFile, DATA_DIR: dir, SESSION_SECRET, JOBS_ENABLED: 'false' })
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'catalog:import', '--', ...args], { cwd: REPO, env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('npm run catalog:import', () => {
  it('stages a version by supplier email domain and prints the JSON summary last', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'catalog.csv')
    // semicolons and a BOM, as an Indonesian spreadsheet saves them
    fs.writeFileSync(file, `\uFEFF${HEADER.replaceAll(',', ';')}\nCMD-001;Kabel listrik;;roll;150000;IDR;1;3;Kabel;2026-01-01;;ya\nCMD-002;Saklar;;unit;25000.00;IDR;10;;Listrik;2026-01-01;;true\n`)
    const r = await importCommand(['--supplier', 'sumbermakmur.test', '--file', file, '--mode', 'incremental'])
    expect(r.code, r.stderr).toBe(0)
    const last = r.stdout.trim().split('\n').pop()!
    expect(JSON.parse(last)).toEqual({ rows: 2, valid: 2, invalid: 0, new: 2, changed: 0, deactivated: 0 })
    const db = new Database(dbFile, { readonly: true })
    const version = db.prepare("SELECT v.status, v.source, v.mode FROM catalog_versions v JOIN organisations o ON o.id = v.org_id WHERE o.name = 'PT Sumber Makmur Elektronik' ORDER BY v.number DESC LIMIT 1").get()
    db.close()
    expect(version).toEqual({ status: 'submitted', source: 'command', mode: 'incremental' })
  })

  it('reports bad rows and an unknown supplier with a non-zero exit, the summary still last', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'bad.csv')
    fs.writeFileSync(file, `${HEADER}\nCMD-003,Lampu,,unit,12.500,IDR,1,3,Lampu,2026-01-01,,true\n`)
    const bad = await importCommand(['--supplier', 'sumbermakmur.test', '--file', file])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout.trim().split('\n').pop()!)).toMatchObject({ rows: 1, valid: 0, invalid: 1 })
    const unknown = await importCommand(['--supplier', 'nobody.example', '--file', file])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/nobody\.example/)
  })
})
