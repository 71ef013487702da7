// `npm start` (through scripts/start.mjs, which builds first when needed; this file is compiled to
// build/start.js): migrates in this process, seeds demo data into an empty database, then serves the
// production build (build/server.js) in this same process. Nothing is transpiled at start-up and no
// child process stands between launch and the first 200 on an existing database.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { migrateDatabase } from '../db/migrate'
import { openSqlite, sqliteFileFromUrl } from '../app/utils/db.server'
import { developmentSecret, getEnv } from '../app/utils/env.server'
import { MATCH_KEYS_VERSION } from './reindex-matching'

process.env.NODE_ENV = 'production'
// A real deployment sets SESSION_SECRET (and `npm run serve` refuses to start without it);
// the local demo keeps a generated one under data/ so `npm start` works on a fresh clone.
if (!process.env.SESSION_SECRET) {
  process.env.SESSION_SECRET = developmentSecret(process.env.DATA_DIR ?? './data')
  console.log('SESSION_SECRET not set: using a generated one kept in data/session-secret (set it for a real deployment).')
}
const env = getEnv()
fs.mkdirSync(env.DATA_DIR, { recursive: true })

// migrations checked and applied here (what `npm run db:migrate` does), without a child process
const file = sqliteFileFromUrl(env.DATABASE_URL)
const sqlite = openSqlite(file)
migrateDatabase(sqlite)
const empty = !sqlite.prepare('SELECT 1 FROM organisations LIMIT 1').get()
const matchKeysVersion = (sqlite.prepare(`SELECT n FROM match_key_counts WHERE kind = 'meta' AND key = 'version'`).get() as { n: number } | undefined)?.n ?? 0
sqlite.close()
// the rare cases run the scripts themselves: a first run seeds, an older key scheme re-indexes
if (!empty && matchKeysVersion < MATCH_KEYS_VERSION) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { stdio: 'inherit' })
if (empty) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--if-empty'], { stdio: 'inherit' })

// The server runs in this process (no second Node start-up, and the modules migration loaded are
// reused): SIGTERM/SIGINT reach it directly and it drains and exits (server.ts).
await import(pathToFileURL(path.resolve('build/server.js')).href)
