// `npm start`: the one command that runs Mitra on a fresh clone. Plain JavaScript, so nothing is
// transpiled on the way to the first 200: builds when there is no build (or the sources are newer
// than it), then runs build/start.js (scripts/start.ts compiled: migrate, seed an empty database,
// serve) in this process.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const BUILT = ['build/server/index.js', 'build/server.js', 'build/start.js']
const SOURCES = ['app', 'db', 'scripts', 'server.ts']

function newest(p) {
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), 0)
}

function needsBuild() {
  if (!BUILT.every((f) => fs.existsSync(f))) return true
  const built = Math.min(...BUILT.map((f) => fs.statSync(f).mtimeMs))
  return Math.max(...SOURCES.map(newest)) > built
}

if (needsBuild()) {
  console.log('building the app…')
  execSync('npm run build', { stdio: 'inherit', env: process.env })
}
await import(pathToFileURL(path.resolve('build/start.js')).href)
