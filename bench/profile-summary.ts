// Summarises a V8 CPU profile (node --cpu-prof; `npm run bench -- --cpu-prof DIR`) by layer of the request path:
// the self time of every sample is given to the layer of its nearest frame that belongs to one (native calls such
// as better-sqlite3's `all` or zlib's write count for the layer that called them, unless listed below).
//   npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N] [--inclusive N] [--skip SECONDS]
// --inclusive lists the functions with the most time spent inside them (their callees included), which shows
// what a loader or a component costs as a whole.
// --skip leaves out the first seconds (start-up, sign-in) so the shares are those of the load.
import fs from 'node:fs'

type Node = { id: number; callFrame: { functionName: string; url: string }; hitCount?: number; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const LAYERS: [string, (url: string, fn: string) => boolean][] = [
  ['idle', (_u, f) => f === '(idle)'],
  ['GC', (_u, f) => f === '(garbage collector)'],
  ['SQLite (better-sqlite3 native)', (u, f) => u === '' && ['all', 'get', 'run', 'iterate', 'prepare', 'exec', 'pragma', 'raw', 'pluck', 'bind'].includes(f)],
  ['compression (compression, zlib)', (u) => /node_modules\/compression\/|node:zlib|internal\/zlib|\bzlib\.js/.test(u)],
  ['React server render', (u) => /react-dom|node_modules\/react\//.test(u)],
  ['Remix/react-router runtime', (u) => /@remix-run\/(server-runtime|router|node|react)/.test(u)],
  ['drizzle-orm (query building, mapping)', (u) => /drizzle-orm/.test(u)],
  ['better-sqlite3 (JS wrapper)', (u) => /better-sqlite3/.test(u)],
  ['express and its middleware', (u) => /node_modules\/(express|router|send|serve-static|finalhandler|body-parser|qs|on-finished|depd|content-type|mime|accepts|negotiator|proxy-addr|type-is|fresh|etag|parseurl|cookie)\//.test(u)],
  ['logging (pino)', (u) => /node_modules\/(pino|sonic-boom|fast-redact|thread-stream|quick-format|atomic-sleep|on-exit-leak-free)/.test(u)],
  ['metrics (prom-client)', (u) => /prom-client/.test(u)],
  ['rate limits (rate-limiter-flexible)', (u) => /rate-limiter-flexible/.test(u)],
  ['tsx / esbuild (run-time transpiling)', (u) => /node_modules\/(tsx|esbuild|get-tsconfig)\//.test(u)],
  ['server.ts (request path)', (u) => /\/server\.(ts|js)$/.test(u) && !/build\/server\/index/.test(u)],
  ['app code (loaders, services, components)', (u) => /\/build\/server\/index\.js|\/app\//.test(u)],
  ['zod / conform', (u) => /node_modules\/(zod|@conform-to)\//.test(u)],
  ['other node_modules', (u) => /node_modules/.test(u)],
  ['web Request/Headers/streams (undici, webstreams)', (u) => /undici|internal\/webstreams|internal\/deps\/undici/.test(u)],
  ['module loading (start-up)', (u) => /internal\/modules\//.test(u)],
  ['node internals (http, streams, url, crypto)', (u) => /^node:|^internal\//.test(u)],
  ['(program) / native, unattributed', (u, f) => f === '(program)' || f === '(root)'],
]

const [file, ...rest] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top N]')
const option = (name: string) => (rest.includes(name) ? Number(rest[rest.indexOf(name) + 1]) || 0 : 0)
const top = option('--top')
const inclusive = option('--inclusive')
const skipUs = option('--skip') * 1e6
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const layerOfFrame = (n: Node) => LAYERS.find(([, test]) => test(n.callFrame.url, n.callFrame.functionName))?.[0] ?? null
const layerCache = new Map<number, string>()
function layerOf(id: number): string {
  const cached = layerCache.get(id)
  if (cached) return cached
  let cur: number | undefined = id
  let layer: string | null = null
  while (cur !== undefined && !layer) {
    const n = byId.get(cur)!
    // a native frame with no url belongs to whoever called it (unless it is a named layer above)
    layer = n.callFrame.url === '' && cur !== id ? null : layerOfFrame(n)
    if (cur === id && n.callFrame.url === '') layer = layerOfFrame(n) && !['other node_modules', '(program) / native, unattributed'].includes(layerOfFrame(n)!) ? layerOfFrame(n) : null
    cur = parent.get(cur)
  }
  const result = layer ?? 'unattributed'
  layerCache.set(id, result)
  return result
}

const selfUs = new Map<number, number>()
let at = 0
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0
  if (at >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const byLayer = new Map<string, number>()
const byFunction = new Map<string, number>()
const withCallees = new Map<string, number>()
const keyOf = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/(wt\d+|main|app)\//, '')}`
for (const [id, us] of selfUs) {
  byLayer.set(layerOf(id), (byLayer.get(layerOf(id)) ?? 0) + us)
  const n = byId.get(id)!
  byFunction.set(keyOf(n), (byFunction.get(keyOf(n)) ?? 0) + us)
  if (n.callFrame.functionName === '(idle)') continue
  // each named function on the stack once, however often it recurses
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur)!
    if (!frame.callFrame.functionName || frame.callFrame.functionName.startsWith('(')) continue
    const key = keyOf(frame)
    if (seen.has(key)) continue
    seen.add(key)
    withCallees.set(key, (withCallees.get(key) ?? 0) + us)
  }
}
const total = [...byLayer.values()].reduce((a, b) => a + b, 0)
const busy = total - (byLayer.get('idle') ?? 0)
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s on the CPU (shares below are of the CPU time, idle excluded)\n`)
console.log('| layer | share of CPU |\n|---|---:|')
for (const [layer, us] of [...byLayer.entries()].filter(([l]) => l !== 'idle').sort((a, b) => b[1] - a[1])) console.log(`| ${layer} | ${((100 * us) / busy).toFixed(1)} % |`)
if (top) {
  console.log(`\ntop ${top} functions by self time:`)
  for (const [fn, us] of [...byFunction.entries()].filter(([f]) => !f.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${fn}`)
}
if (inclusive) {
  console.log(`\ntop ${inclusive} functions by time inside them (callees included):`)
  for (const [fn, us] of [...withCallees.entries()].sort((a, b) => b[1] - a[1]).slice(0, inclusive)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${fn}`)
}
