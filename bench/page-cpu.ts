// A quick loop for profiling work on one page: starts the compiled app (build/server.js) on a bench
// database, signs in, requests the given paths for a few seconds from 4 concurrent clients and prints
// the server's CPU per request (user + system, /proc). Not a benchmark result: `npm run bench` is.
//   npx tsx bench/page-cpu.ts [--db bench/.data/run/M.db] [--as EMAIL] [--seconds 5] [--clients 4] [--node-args "FLAGS"] [--app-dir DIR] [--cpu-prof DIR] [--heap-snapshot DIR] PATH...
// --app-dir runs another build for a before/after comparison: DIR holds a copy of build/ (made before the change),
// package.json and links to this checkout's node_modules and content.
// --heap-snapshot writes a V8 heap snapshot of the server after the load (and prints its peak RSS);
// `node bench/heap-summary.mjs FILE` then lists what the heap holds by constructor.
import fs from 'node:fs'
import path from 'node:path'
import { DATA_DIR } from './generate'
import { launchBuiltApp } from './lib/app-server'
import { cpuSeconds, signIn } from './lib/servers'
import { DEMO_PASSWORD } from '../scripts/seed'
import { cliArgs } from './lib/args'

const { option, rest } = cliArgs()
const dbFile = path.resolve(option('--db', path.join(DATA_DIR, 'run', 'M.db')))
const email = option('--as', 'admin@sinardigital.test')
const seconds = Number(option('--seconds', '5'))
const cpuProf = option('--cpu-prof', '')
const heapDir = option('--heap-snapshot', '')
const clients = Number(option('--clients', '4'))
// extra node/V8 flags for the server, space separated (e.g. --node-args "--max-semi-space-size=8")
const extraNodeArgs = option('--node-args', '').split(' ').filter(Boolean)
const appDir = option('--app-dir', '') || undefined
const paths = rest().length ? rest() : ['/']

const app = await launchBuiltApp({
  db: dbFile,
  dataDir: 'page-cpu-data',
  appDir,
  nodeArgs: [...extraNodeArgs, ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []), ...(heapDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${path.resolve(heapDir)}`] : [])],
})
try {
  const cookie = await signIn(app.origin, email, DEMO_PASSWORD)
  const fetchPage = async (p: string) => {
    // a pooled connection the server closed while it wrote a heap snapshot: retried once on a new one
    const get = () => fetch(`${app.origin}${p}`, { headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } })
    const res = await get().catch(get)
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`)
  }
  // warm every path first (the JIT compiles the shared request path on the first few hundred requests)
  const warmUntil = performance.now() + 4000
  while (performance.now() < warmUntil) for (const p of paths) await fetchPage(p)
  // peak RSS, and with --heap-snapshot a snapshot after each path (so growth between them shows)
  const memory = async () => {
    const status = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8')
    console.log(`  peak RSS ${status.match(/VmHWM:\s+(\d+)/)?.[1]} kB, now ${status.match(/VmRSS:\s+(\d+)/)?.[1]} kB`)
    // where the resident memory is, as the server's own /metrics reports it (loopback is allowed)
    const text = await (await fetch(`${app.origin}/metrics`)).text()
    const mb = (name: string) => Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm'))?.[1] ?? NaN) / 1048576
    console.log(`  V8 heap used ${mb('mitra_nodejs_heap_size_used_bytes').toFixed(0)} MB of ${mb('mitra_nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${mb('mitra_nodejs_external_memory_bytes').toFixed(0)} MB`)
    if (!heapDir) return
    fs.mkdirSync(heapDir, { recursive: true })
    const before = new Set(fs.readdirSync(heapDir))
    process.kill(app.pid, 'SIGUSR2')
    // the server writes the snapshot on its main thread: once it answers again, the file is complete
    await new Promise((r) => setTimeout(r, 1000))
    await fetch(`${app.origin}/healthz`).catch(() => fetch(`${app.origin}/healthz`))
    const written = fs.readdirSync(heapDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f))
    console.log(written ? `  heap snapshot: ${path.join(heapDir, written)}` : '  no heap snapshot written')
  }
  for (const p of paths) {
    const get = () => fetchPage(p)
    let n = 0
    const cpu0 = cpuSeconds(app.pid)
    const until = performance.now() + seconds * 1000
    await Promise.all(Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await get()
        n++
      }
    }))
    const cpuMs = ((cpuSeconds(app.pid) - cpu0) * 1000) / n
    console.log(`${p}  ${n} requests, ${cpuMs.toFixed(2)} ms CPU per request`)
    await memory()
  }
} finally {
  await app.stop()
}
