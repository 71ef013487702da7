// Where the p99 at half capacity comes from: starts the compiled app (build/server.js) pinned to core 0 with
// --trace-gc, measures its closed-loop capacity on one page, then sends random (Poisson) arrivals at half of it
// from this process, and lines up every slow response with the collections that ran while it waited.
//   taskset -c 1 npx tsx bench/experiments/tail-trace.ts --db bench/.data/run/S.db --as EMAIL [--seconds 15]
//     [--node-args "FLAGS"] [--slow 30] PATH
// Prints p50/p99/max, the collections by kind (count, total and longest pause, the time incremental marking
// spent in steps), and how many slow responses overlapped a mark-compact, only scavenges, or no collection.
// --encoding sets Accept-Encoding; --rate a fixed arrival rate instead of half the capacity. With
// --node-args "--trace-gc-nvp" it also sums what scavenges promoted. Environment: GC_LOG=FILE keeps the server's
// trace lines, SHOW_GC_LINES=1 prints the first full collections' lines, SNAPSHOT_DIR=DIR writes a heap snapshot
// half way through the paced load (what is held strongly at that moment).
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { DATA_DIR } from '../generate'
import { launchBuiltApp } from '../lib/app-server'
import { cpuSeconds, residentMiB, signIn } from '../lib/servers'
import { DEMO_PASSWORD } from '../../scripts/seed'
import { cliArgs } from '../lib/args'

const { option, rest } = cliArgs()
const dbFile = path.resolve(option('--db', path.join(DATA_DIR, 'run', 'S.db')))
const email = option('--as', 'admin@sinardigital.test')
const seconds = Number(option('--seconds', '15'))
const slowMs = Number(option('--slow', '30'))
const fixedRate = Number(option('--rate', '0'))
const encoding = option('--encoding', 'gzip, deflate, br')
const extraNodeArgs = option('--node-args', '').split(' ').filter(Boolean)
const page = rest()[0] ?? '/'

type Gc = { at: number; kind: string; pauseMs: number; stepsMs: number; line: string }
let promoted = 0
const nvpFull: string[] = []
const gcs: Gc[] = []
const app = await launchBuiltApp({ db: dbFile, dataDir: 'tail-trace-data', nodeArgs: ['--trace-gc', ...extraNodeArgs, ...(process.env.SNAPSHOT_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${process.env.SNAPSHOT_DIR}`] : [])] })
// --trace-gc lines: "[pid:0x…]   1234 ms: Mark-Compact 80.1 (100.2) -> 60.3 (90.1) MB, 12.3 / 0.0 ms  (+ 25.1 ms in 120 steps …"
// the leading time is milliseconds since the isolate started; it is mapped onto our clock with the first line seen
let offset: number | undefined
let measuring = false
let buffered = ''
app.child.stdout!.on('data', (chunk) => {
  buffered += String(chunk)
  const lines = buffered.split('\n')
  buffered = lines.pop()!
  if (process.env.GC_LOG) fs.appendFileSync(process.env.GC_LOG, lines.join('\n') + '\n')
  for (const line of lines) {
    const p = /gc=s .* promoted=(\d+)/.exec(line)
    if (p && measuring) promoted += Number(p[1])
    if (measuring && / gc=(mc|ms|mmc) /.test(line)) nvpFull.push(line)
    const m = /\s(\d+) ms: (Scavenge|Mark-Compact|Mark-Compact \(reduce\)|Minor Mark-Sweep|Mark-Sweep)[^,]*, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in)?/.exec(line)
    if (!m) continue
    const isolateMs = Number(m[1])
    offset ??= performance.now() - isolateMs
    gcs.push({ at: offset + isolateMs, kind: m[2]!, pauseMs: Number(m[3]), stepsMs: Number(m[4] ?? 0), line })
  }
})

const cookie = await signIn(app.origin, email, DEMO_PASSWORD)
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
const get = (due: number) =>
  new Promise<{ due: number; done: number }>((resolve, reject) => {
    const req = http.get(`${app.origin}${page}`, { agent, headers: { cookie, 'accept-encoding': encoding } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve({ due, done: performance.now() }) : reject(new Error(`HTTP ${res.statusCode}`))))
    })
    req.on('error', reject)
  })

// warm-up and capacity: 10 clients back to back
const closedLoop = async (ms: number) => {
  const until = performance.now() + ms
  let n = 0
  const cpu0 = cpuSeconds(app.pid)
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (performance.now() < until) {
      await get(performance.now())
      n++
    }
  }))
  return { rps: n / (ms / 1000), cpuMs: ((cpuSeconds(app.pid) - cpu0) * 1000) / n }
}
await closedLoop(4000)
const capacity = await closedLoop(4000)
const rate = fixedRate || capacity.rps / 2
await new Promise((r) => setTimeout(r, 500))

// random arrivals at half capacity; latency counts from when the request was due
gcs.length = 0
measuring = true
const started = performance.now()
const end = started + seconds * 1000
const pending: Promise<{ due: number; done: number }>[] = []
let due = started
// --snapshot DIR: a heap snapshot of the server half way through the paced load (objects held strongly at that moment)
if (process.env.SNAPSHOT_DIR) setTimeout(() => process.kill(app.pid, 'SIGUSR2'), (seconds * 1000) / 2)
while (due < end) {
  const now = performance.now()
  if (due > now) await new Promise((r) => setTimeout(r, due - now))
  while (due <= performance.now() && due < end) {
    pending.push(get(due))
    due += -Math.log(1 - Math.random()) * (1000 / rate)
  }
}
const results = await Promise.all(pending)
measuring = false
await new Promise((r) => setTimeout(r, 200))
const latencies = results.map((r) => r.done - r.due).sort((a, b) => a - b)
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!
const window = gcs.filter((g) => g.at >= started && g.at <= end + 1000)
const byKind = new Map<string, Gc[]>()
for (const g of window) byKind.set(g.kind, [...(byKind.get(g.kind) ?? []), g])

// each slow response: the collections that ended while it waited (a trace line is written when a pause ends)
const slow = results.filter((r) => r.done - r.due > slowMs)
const overlap = { markCompact: 0, scavengeOnly: 0, none: 0 }
for (const r of slow) {
  const during = window.filter((g) => g.at >= r.due && g.at <= r.done)
  if (during.some((g) => g.kind.startsWith('Mark'))) overlap.markCompact++
  else if (during.length) overlap.scavengeOnly++
  else overlap.none++
}
const f = (n: number) => n.toFixed(1)
console.log(`${page} as ${email} ${extraNodeArgs.join(' ') || '(shipped flags)'}`)
console.log(`  capacity ${f(capacity.rps)} req/s at ${capacity.cpuMs.toFixed(2)} ms CPU; paced at ${f(rate)} req/s for ${seconds} s: ${results.length} responses`)
console.log(`  latency p50 ${f(q(0.5))} p90 ${f(q(0.9))} p99 ${f(q(0.99))} max ${f(latencies.at(-1)!)} ms; peak RSS ${residentMiB(app.pid, 'VmHWM').toFixed(0)} MB`)
for (const [kind, list] of byKind) {
  const pauses = list.map((g) => g.pauseMs)
  console.log(`  ${kind}: ${list.length}×, pauses total ${f(pauses.reduce((a, b) => a + b, 0))} ms, longest ${f(Math.max(...pauses))} ms, incremental steps ${f(list.reduce((a, g) => a + g.stepsMs, 0))} ms`)
}
if (process.env.SHOW_GC_LINES) for (const g of window.filter((g) => g.kind.startsWith('Mark')).slice(0, 4)) console.log(`    ${g.line.trim()}`)
if (nvpFull.length) console.log(`  full collections (nvp): ${nvpFull.length}; ${nvpFull.map((l) => `${/ pause=([\d.]+)/.exec(l)?.[1]} ms (${((Number(/total_size_before=(\d+)/.exec(l)?.[1]) - Number(/total_size_after=(\d+)/.exec(l)?.[1])) / 1048576).toFixed(1)} MB freed)`).join(', ')}`)
if (promoted || nvpFull.length) console.log(`  promoted by scavenges (--trace-gc-nvp): ${(promoted / results.length / 1024).toFixed(1)} KB per response`)
console.log(`  responses over ${slowMs} ms: ${slow.length}; overlapping a mark-compact ${overlap.markCompact}, only scavenges ${overlap.scavengeOnly}, no collection ${overlap.none}`)
// CPU of the server's other threads (V8's GC helpers, libuv's pool) against its main thread, whole run
const ticks = (file: string) => {
  const f = fs.readFileSync(file, 'utf8')
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}
const tasks = fs.readdirSync(`/proc/${app.pid}/task`)
const mainTicks = ticks(`/proc/${app.pid}/task/${app.pid}/stat`)
const otherTicks = tasks.filter((t) => t !== String(app.pid)).reduce((sum, t) => sum + ticks(`/proc/${app.pid}/task/${t}/stat`), 0)
const byName = new Map<string, number>()
for (const t of tasks.filter((t) => t !== String(app.pid))) {
  const name = fs.readFileSync(`/proc/${app.pid}/task/${t}/comm`, 'utf8').trim()
  byName.set(name, (byName.get(name) ?? 0) + ticks(`/proc/${app.pid}/task/${t}/stat`) * 10)
}
console.log(`  CPU, whole run: main thread ${mainTicks * 10} ms, ${tasks.length - 1} other threads ${otherTicks * 10} ms (${[...byName].map(([n, ms]) => `${n} ${ms}`).join(', ')})`)
agent.destroy()
await app.stop()
process.exit(0)
