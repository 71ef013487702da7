// `npm start`: the one command that runs Mitra on a fresh clone. Builds when there is no
// build (or the sources are newer), migrates in this process, seeds demo data into an empty
// database, then serves the production build: `node build/server.js`, compiled, so nothing is
// transpiled at start-up and no `npx`/`tsx` child process stands between launch and the first 200
// on an existing database.
import { execFileSync, execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
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

const sourceNewerThanBuild = () => {
  if (!fs.existsSync('build/server/index.js') || !fs.existsSync('build/server.js')) return true
  const built = Math.min(fs.statSync('build/server/index.js').mtimeMs, fs.statSync('build/server.js').mtimeMs)
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = `${dir}/${e.name}`
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
    }, 0)
  return Math.max(newest('app'), fs.statSync('server.ts').mtimeMs) > built
}
if (sourceNewerThanBuild()) {
  console.log('building the app…')
  execSync('npm run build', { stdio: 'inherit', env: { ...process.env } })
}

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

// Stopping: SIGTERM/SIGINT are passed to the server, which drains and exits; this wrapper exits
// with it. `npm start` runs this file with `exec node` (package.json) so npm's signal reaches this
// process directly rather than stopping at an intermediate shell or tsx CLI that would leave the
// server running. The IPC channel is the backstop: if this wrapper dies any other way (SIGKILL),
// the server sees the channel close and shuts down on its own.
const server = spawn(process.execPath, ['build/server.js'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: process.env })
const forward = (signal: NodeJS.Signals) => {
  if (server.exitCode === null) server.kill(signal)
}
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
process.on('SIGHUP', forward)
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0)))
