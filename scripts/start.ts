// `npm start`: the one command that runs Mitra on a fresh clone. Builds when there is no
// build, migrates, seeds demo data into an empty database, then serves the production build.
import { execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { developmentSecret, getEnv } from '../app/utils/env.server'

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
  if (!fs.existsSync('build/server/index.js')) return true
  const built = fs.statSync('build/server/index.js').mtimeMs
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = `${dir}/${e.name}`
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
    }, 0)
  return newest('app') > built
}
if (sourceNewerThanBuild()) {
  console.log('building the app…')
  execSync('npx remix vite:build', { stdio: 'inherit', env: { ...process.env } })
}
execSync('npx tsx scripts/migrate.ts', { stdio: 'inherit' })
execSync('npx tsx scripts/seed.ts --if-empty', { stdio: 'inherit' })

// Stopping: SIGTERM/SIGINT are passed to the server, which drains and exits; this wrapper exits
// with it. `npm start` runs this file with `exec node` (package.json) so npm's signal reaches this
// process directly rather than stopping at an intermediate shell or tsx CLI that would leave the
// server running. The IPC channel is the backstop: if this wrapper dies any other way (SIGKILL),
// the server sees the channel close and shuts down on its own.
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: process.env })
const forward = (signal: NodeJS.Signals) => {
  if (server.exitCode === null) server.kill(signal)
}
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
process.on('SIGHUP', forward)
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0)))
