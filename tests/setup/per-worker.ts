import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'

// Runs before each test file (in its own process): a private copy of the migrated template.
const dir = path.resolve('tests/.tmp')
const file = path.join(dir, `test-${process.pid}-${randomUUID().slice(0, 8)}.db`)
fs.copyFileSync(path.join(dir, 'template.db'), file)
process.env.DATABASE_URL = file
process.env.DATA_DIR = path.join(dir, `data-${process.pid}`)
process.env.NODE_ENV = 'test'
// tests deliver mail themselves (deliverPendingEmails), so no delivery races them after a commit
process.env.MITRA_EMAIL_KICK = 'off'
process.env.SESSION_SECRET = 'test-secret-test-secret-test-secret-0123'
process.env.MITRA_CONTENT_DIR = path.resolve('content')
