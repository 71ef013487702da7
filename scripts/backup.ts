// `npm run db:backup [file]`: a consistent copy of the live database through SQLite's online
// backup API (safe while the server is writing), verified with PRAGMA integrity_check before it
// counts. Without a file it goes to BACKUP_DIR (default data/backups) and only the newest
// BACKUP_KEEP copies are kept, as the scheduled job does. Restore: docs/operations.md.
import { backupDatabase, backupTo } from '../app/jobs/backup.server'
import { openSqlite, sqliteFileFromUrl } from '../app/utils/db.server'
import { getEnv } from '../app/utils/env.server'

const env = getEnv()
const sqlite = openSqlite(sqliteFileFromUrl(env.DATABASE_URL))
try {
  const result = process.argv[2] ? { ...(await backupTo(sqlite, process.argv[2])), removed: [] as string[] } : await backupDatabase(sqlite, env.BACKUP_DIR, env.BACKUP_KEEP)
  const mib = (result.bytes / 1024 / 1024).toFixed(1)
  console.log(`backup written and verified: ${result.file} (${mib} MiB; copy ${(result.copyMs / 1000).toFixed(1)} s, integrity_check ${(result.verifyMs / 1000).toFixed(1)} s)`)
  if (result.removed.length) console.log(`older copies removed: ${result.removed.join(', ')}`)
} finally {
  sqlite.close()
}
