// One real production server per test file: the Remix build served by server.ts with
// NODE_ENV=production, on a free loopback port, over a private copy of a migrated and seeded
// database. The seeded template is made once per vitest run and shared by every file.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { freePort } from '../../../scripts/lib/free-port'

const run = promisify(execFile)

export const REPO = path.resolve(import.meta.dirname, '../../..')
export const BUILD_ENTRY = path.join(REPO, 'build/server/index.js')
/** Our own scratch space, outside the repository: never tests/.tmp, which the vitest global setup deletes. */
export const SECURITY_TMP = path.join(os.tmpdir(), 'mitra-security')
export const DEMO_PASSWORD = 'mitra-demo-2026' // scripts/seed.ts, README "Demo logins"
export const SESSION_SECRET = 'security-suite-secret-security-suite-secret'

export function assertBuildPresent(entry = BUILD_ENTRY) {
  if (!fs.existsSync(entry)) {
    throw new Error(
      `tests/security needs the production build, and ${path.relative(REPO, entry)} is missing.\n` +
        'Run `npx remix vite:build` first (`npm test` builds before it runs vitest).',
    )
  }
}

export { freePort }

/** The environment a child gets: ours only, not vitest's (NODE_ENV=test, the worker's DATABASE_URL…). */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TZ: 'UTC', NODE_ENV: 'production', MITRA_CONTENT_DIR: path.join(REPO, 'content') }
  return Object.assign(env, overrides)
}

export function tsxArgs(script: string, ...args: string[]) {
  return ['--import', 'tsx', path.join(REPO, script), ...args]
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The folder for this vitest run (forks pool: every worker's parent is the vitest process). */
export function runDir() {
  const dir = path.join(SECURITY_TMP, `run-${process.ppid}`)
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

function removeStaleRuns() {
  for (const name of fs.existsSync(SECURITY_TMP) ? fs.readdirSync(SECURITY_TMP) : []) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1])
    if (pid && pid !== process.ppid && !isAlive(pid)) fs.rmSync(path.join(SECURITY_TMP, name), { recursive: true, force: true })
  }
}

/**
 * A migrated and seeded database file, made once per run: the first file to ask makes it
 * (mkdir is the lock), the others wait for it to appear.
 */
export async function seededTemplate(): Promise<string> {
  const dir = runDir()
  const file = path.join(dir, 'seeded.db')
  const lock = path.join(dir, 'seeding.lock')
  let mine = false
  try {
    fs.mkdirSync(lock)
    mine = true
  } catch {
    /* another file is seeding */
  }
  if (mine) {
    removeStaleRuns()
    const work = path.join(dir, `seeding-${process.pid}`)
    fs.mkdirSync(work, { recursive: true })
    const env = childEnv({ NODE_ENV: 'production', DATABASE_URL: path.join(work, 'mitra.db'), DATA_DIR: work, SESSION_SECRET })
    await run(process.execPath, tsxArgs('scripts/migrate.ts'), { cwd: REPO, env })
    await run(process.execPath, tsxArgs('scripts/seed.ts'), { cwd: REPO, env })
    // files the seed uploaded (library material) travel with the database they belong to
    if (fs.existsSync(path.join(work, 'uploads'))) fs.renameSync(path.join(work, 'uploads'), path.join(dir, 'seeded-uploads'))
    fs.renameSync(path.join(work, 'mitra.db'), file)
    fs.rmSync(work, { recursive: true, force: true })
    return file
  }
  const deadline = Date.now() + 90_000
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the seeded template ${file}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return file
}

export type Session = { email: string; cookieName: string; token: string; cookie: string }

export type HttpResult = {
  status: number
  headers: Headers
  location: string | null
  body: string
  setCookies: string[]
}

export type RequestOptions = {
  method?: string
  /** who is asking: a session, or null for nobody */
  as?: Session | null
  /** a form body, sent as application/x-www-form-urlencoded */
  form?: Record<string, string> | [string, string][]
  headers?: Record<string, string>
  /** the Origin header of a POST: our own by default, false for none */
  origin?: string | false
}

export type TestServer = {
  origin: string
  port: number
  dir: string
  dbFile: string
  /** a second connection to the server's database, for reading ids and checking effects */
  db: Database.Database
  request(pathname: string, options?: RequestOptions): Promise<HttpResult>
  signIn(email: string, password?: string, headers?: Record<string, string>): Promise<Session>
  /** bumps whenever any other connection (the server) commits a write */
  dataVersion(): number
  log(): string
  stop(): Promise<void>
}

export async function startServer(name: string, extraEnv: Record<string, string> = {}): Promise<TestServer> {
  assertBuildPresent()
  const template = await seededTemplate()
  const dir = path.join(runDir(), `${name}-${process.pid}-${randomUUID().slice(0, 8)}`)
  fs.mkdirSync(dir, { recursive: true })
  const dbFile = path.join(dir, 'mitra.db')
  fs.copyFileSync(template, dbFile)
  const seededUploads = path.join(path.dirname(template), 'seeded-uploads')
  if (fs.existsSync(seededUploads)) fs.cpSync(seededUploads, path.join(dir, 'uploads'), { recursive: true })
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const env = childEnv({
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: origin,
    DATABASE_URL: dbFile,
    DATA_DIR: dir,
    SESSION_SECRET,
    JOBS_ENABLED: 'false',
    ...extraEnv,
  })
  const child: ChildProcess = spawn(process.execPath, tsxArgs('server.ts'), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const deadline = Date.now() + 45_000
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the server did not start:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }

  const db = new Database(dbFile)
  db.pragma('busy_timeout = 5000')

  async function request(pathname: string, options: RequestOptions = {}): Promise<HttpResult> {
    const method = options.method ?? (options.form ? 'POST' : 'GET')
    const headers = new Headers(options.headers)
    if (options.as) headers.set('Cookie', [headers.get('Cookie'), options.as.cookie].filter(Boolean).join('; '))
    if (method !== 'GET' && method !== 'HEAD' && options.origin !== false && !headers.has('Origin')) headers.set('Origin', options.origin ?? origin)
    const body = options.form ? new URLSearchParams(options.form) : undefined
    const res = await fetch(new URL(pathname, origin), { method, headers, body, redirect: 'manual' })
    return { status: res.status, headers: res.headers, location: res.headers.get('location'), body: await res.text(), setCookies: res.headers.getSetCookie() }
  }

  async function signIn(email: string, password = DEMO_PASSWORD, extraHeaders: Record<string, string> = {}): Promise<Session> {
    const res = await request('/login', { form: { email, password }, headers: extraHeaders })
    const cookie = res.setCookies.map((c) => /^((?:__Host-)?mitra_session)=([^;]+)/.exec(c)).find(Boolean)
    if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.body.slice(0, 300)}`)
    return { email, cookieName: cookie[1], token: cookie[2], cookie: `${cookie[1]}=${cookie[2]}` }
  }

  async function stop() {
    db.close()
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exited
      clearTimeout(timer)
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }

  return { origin, port, dir, dbFile, db, request, signIn, dataVersion: () => db.pragma('data_version', { simple: true }) as number, log: () => output, stop }
}
