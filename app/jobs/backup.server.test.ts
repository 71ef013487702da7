import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { rawSqlite } from '../utils/db.server'
import { makeOrg } from '../../tests/factories'
import { backupDatabase, verifyBackup } from './backup.server'

describe('online backup', () => {
  it('writes a verified, self-contained copy and keeps only the newest N', async () => {
    makeOrg({ kind: 'partner', name: 'PT Backup Check' })
    const dir = path.join(process.env.DATA_DIR!, 'backups-test')
    fs.rmSync(dir, { recursive: true, force: true })
    const made = []
    for (let i = 0; i < 4; i++) made.push(await backupDatabase(rawSqlite(), dir, 2, new Date(Date.UTC(2026, 0, 1, 0, i))))
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(made[2].file), path.basename(made[3].file)])
    // the copy opens on its own and holds the data
    const copy = new Database(made[3].file, { readonly: true })
    expect(copy.prepare('SELECT count(*) AS n FROM organisations WHERE name = ?').get('PT Backup Check')).toEqual({ n: 1 })
    copy.close()
    expect(await verifyBackup(made[3].file)).toBe('ok')
  })

  it('a damaged copy fails verification', async () => {
    const dir = path.join(process.env.DATA_DIR!, 'backups-damaged')
    fs.rmSync(dir, { recursive: true, force: true })
    const { file } = await backupDatabase(rawSqlite(), dir, 1)
    const fd = fs.openSync(file, 'r+')
    const size = fs.fstatSync(fd).size
    // scribble over the pages after the first two (schema and first table pages stay readable)
    fs.writeSync(fd, Buffer.alloc(Math.min(64 * 1024, size - 8192), 0x5a), 0, undefined, 8192)
    fs.closeSync(fd)
    expect(await verifyBackup(file).catch((e: Error) => e.message)).not.toBe('ok')
  })
})
