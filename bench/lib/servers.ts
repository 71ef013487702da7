// Starting the app and the baseline pinned to one core, timing their start-up, reading their memory, signing in.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../scripts/lib/free-port'

export type RunningServer = {
  name: string
  origin: string
  pid: number
  child: ChildProcess
  /** Milliseconds from spawn to the first 200 on /healthz. */
  startupMs: number
  output: () => string
  stop: () => Promise<void>
}

// Servers still running when the harness exits (an error, Ctrl-C, a kill) are stopped with it.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

export { freePort }

const NODE_LAUNCHER = fileURLToPath(new URL('../../scripts/node.sh', import.meta.url))

/** Resident memory of a process in MiB: `VmRSS` now, or `VmHWM` (the peak so far). */
export function residentMiB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} for pid ${pid}`)
  return Number(match[1]) / 1024
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/**
 * CPU seconds a process has used so far, all threads together (user + system, from /proc/<pid>/stat). On a
 * shared machine this is steadier than wall-clock throughput: it counts what a request costs, not how much of the
 * core the process happened to get.
 */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // fields after "(comm)": state is field 3, utime field 14, stime field 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/**
 * Waits until a process stops using CPU (under 5% over 200 ms): a slow page keeps the server busy after the load
 * generator has stopped, and the next round must not share the core with that leftover work.
 */
export async function waitUntilIdle(pid: number, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let last = cpuSeconds(pid)
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
    const now = cpuSeconds(pid)
    if (now - last < 0.01) return
    last = now
  }
}

/**
 * Spawns `node [nodeArgs] --import tsx <script>` (plain `node <script>` for a compiled .js) through scripts/node.sh under
 * `taskset -c <core>` (taskset execs sh, which execs node, so the pid is the server's)
 * and polls /healthz every 5 ms until the first 200.
 */
export async function launch(opts: { name: string; script: string; cwd: string; port: number; env: NodeJS.ProcessEnv; core: number; timeoutMs?: number; nodeArgs?: string[] }): Promise<RunningServer> {
  const origin = `http://127.0.0.1:${opts.port}`
  const started = performance.now()
  // through scripts/node.sh, as `npm start` and `npm run serve` start the server (it adds V8's settings for
  // one core); it execs node, so the pid is still the server's
  const child = spawn('taskset', ['-c', String(opts.core), 'sh', NODE_LAUNCHER, ...(opts.nodeArgs ?? []), ...(opts.script.endsWith('.js') ? [] : ['--import', 'tsx']), opts.script], {
    cwd: opts.cwd,
    env: { ...opts.env, NODE: process.execPath, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let log = ''
  child.stdout!.on('data', (d) => (log = (log + String(d)).slice(-20_000)))
  child.stderr!.on('data', (d) => (log = (log + String(d)).slice(-20_000)))
  const deadline = started + (opts.timeoutMs ?? 60_000)
  for (;;) {
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })
      await res.arrayBuffer()
      if (res.status === 200) break
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${opts.name} did not start:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const startupMs = performance.now() - started
  return {
    name: opts.name,
    origin,
    pid: child.pid!,
    child,
    startupMs,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
        child.once('exit', () => {
          clearTimeout(kill)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

/** Signs in through the real form post and returns the `mitra_session` cookie pair. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ email, password, redirectTo: '/' }),
  })
  await res.arrayBuffer()
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mitra_session='))
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: HTTP ${res.status}`)
  return cookie.split(';')[0]!
}
