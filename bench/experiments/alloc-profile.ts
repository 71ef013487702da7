// What a request allocates, and where: answers a page in process through the production build (like
// queries-per-page.ts) under V8's sampling heap profiler with collected objects kept in the samples, so short-lived
// garbage counts too (that garbage is what drives the scavenges). Prints bytes allocated per request and the
// functions that allocated most, self and with callees. (The body read at the end, `response.text()`, is this
// script's, not the server's: server.ts reads the stream without a decoder.)
// Only for where the bytes come from: the profiler holds each sampled object through a weak handle, which keeps
// it alive through scavenges, so it cannot say what would have been promoted without it.
//   DATABASE_URL=bench/.data/run/S.db NODE_ENV=production SESSION_SECRET=… npx tsx bench/experiments/alloc-profile.ts EMAIL PATH [REQUESTS]
import inspector from 'node:inspector/promises'
import { inProcessApp } from '../lib/in-process'
import { summariseSamples, type SamplingNode } from './sampling-summary'

const [email, page, count = '400'] = process.argv.slice(2)
const app = await inProcessApp(email!)
const once = async () => {
  const response = await app.get(page!)
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${page}: HTTP ${response.status}`)
  return text.length
}
for (let i = 0; i < 300; i++) await once()
const n = Number(count)

const session = new inspector.Session()
session.connect()
await session.post('HeapProfiler.enable')
// includeObjectsCollectedBy*: keep samples of objects the collector has freed (DevTools' "allocation sampling")
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never)
let chars = 0
for (let i = 0; i < n; i++) chars += await once()
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } }
console.log(`${page} as ${email}: ${n} requests, ${(chars / n / 1024).toFixed(1)} K chars of HTML each; ${summariseSamples(profile.head, n, Number(process.env.TOP ?? 25), Number(process.env.TOP_INCLUSIVE ?? 40))}`)
session.disconnect()
