// `npm run db:backup [file]`: a consistent copy of the live database through SQLite's
// online backup API (safe while the server is writing). Restore = stop the server and
// copy the file back to DATABASE_URL.
import path from 'node:path'
import { openSqlite, sqliteFileFromUrl } from '../app/utils/db.server'
import { getEnv } from '../app/utils/env.server'

const env = getEnv()
const source = sqliteFileFromUrl(env.DATABASE_URL)
const target = process.argv[2] ?? path.join(env.DATA_DIR, 'backups', `mitra-${new Date().toISOString().replace(/[:.]/g, '-')}.db`)
const sqlite = openSqlite(source)
openSqlite(target).close()
await sqlite.backup(target)
sqlite.close()
console.log(`backup written: ${target}`)
