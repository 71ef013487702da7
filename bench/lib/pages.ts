// The page measures: one page, the app against the baseline, under the same load from the pinned driver.
// Warm-up, then interleaved rounds at a fixed concurrency (app, baseline, app, baseline, ...), then a
// rate-limited pass of each server at half of its own measured capacity.
import http from 'node:http'
import type { LoadDriver, LoadResult } from './load'
import { cpuSeconds, residentMiB } from './servers'
import { median, spread, summarise, type LatencySummary } from './stats'

export type PageSpec = {
  key: string
  label: string
  path: string
  /** Session cookie (`mitra_session=...`) of the user who looks at the page. */
  cookie: string
}

export type LoadSettings = {
  connections: number
  roundSeconds: number
  rounds: number
  warmupSeconds: number
  acceptEncoding: string
  maxRequestsPerJob: number
}

export type SideResult = {
  /** Median of the rounds' throughputs. */
  rps: number
  roundRps: number[]
  spread: number
  /** CPU time of the server process per successful response, median of the rounds (ms). */
  cpuMs: number
  roundCpuMs: number[]
  /** Over every response of every round. */
  latency: LatencySummary
  rated: { rate: number; latency: LatencySummary; rps: number; failed: number }
  failed: number
  /** Bytes on the wire (compressed) and decoded, of one response. */
  wireBytes: number
  encoding: string
}

export type PageResult = {
  key: string
  label: string
  path: string
  app: SideResult
  baseline: SideResult
  /** Median over the rounds of (app throughput ÷ baseline throughput of the round right after it). */
  throughputRatio: number
  roundSeconds: number
  /** Peak resident memory of the app while this page was under load (MiB). */
  appPeakRssMiB: number
}

type RawResponse = { status: number; bytes: number; encoding: string; ms: number; location?: string }

/** One GET with node:http, so the body is counted as sent (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.get(url, { headers, agent: false }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: String(res.headers['content-encoding'] ?? 'identity'), ms: performance.now() - started, location: res.headers.location }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${url}`)))
  })
}

export function requestHeaders(page: PageSpec, settings: LoadSettings): Record<string, string> {
  return { cookie: page.cookie, 'accept-encoding': settings.acceptEncoding, accept: 'text/html', 'user-agent': 'mitra-bench' }
}

/** Checks that both servers answer the page with a 200 (not a redirect to /login) and estimates its service time. */
export async function probe(origin: string, page: PageSpec, settings: LoadSettings, name: string): Promise<{ serviceMs: number; first: RawResponse }> {
  const headers = requestHeaders(page, settings)
  const first = await rawGet(origin + page.path, headers)
  if (first.status !== 200) throw new Error(`${name} answered ${page.path} with HTTP ${first.status}${first.location ? ` → ${first.location}` : ''}; the page measure needs a 200`)
  const times: number[] = []
  for (let i = 0; i < 5; i++) times.push((await rawGet(origin + page.path, headers)).ms)
  return { serviceMs: median(times), first }
}

export async function measurePage(opts: {
  driver: LoadDriver
  page: PageSpec
  app: { origin: string; pid: number }
  baseline: { origin: string; pid: number }
  settings: LoadSettings
  log: (m: string) => void
}): Promise<PageResult> {
  const { driver, page, settings, log } = opts
  const headers = requestHeaders(page, settings)
  const appProbe = await probe(opts.app.origin, page, settings, 'the app')
  const baseProbe = await probe(opts.baseline.origin, page, settings, 'the baseline')
  // a slow page gets longer rounds (at least ~60 responses at saturation), up to a minute
  const slowest = Math.max(appProbe.serviceMs, baseProbe.serviceMs)
  const roundSeconds = Math.min(60, Math.max(settings.roundSeconds, Math.ceil((slowest * 60) / 1000)))
  const timeoutSeconds = Math.max(10, Math.ceil((slowest * settings.connections * 4) / 1000))
  const job = (origin: string, durationSeconds: number, overallRate?: number) =>
    driver.run({ url: origin + page.path, headers, connections: settings.connections, durationSeconds, timeoutSeconds, overallRate, maxRequests: settings.maxRequestsPerJob })

  let peak = 0
  const sampleRss = () => {
    try {
      peak = Math.max(peak, residentMiB(opts.app.pid))
    } catch {
      /* the process is gone: the load job will fail and say so */
    }
  }
  /** One load job against one server, with the CPU the server spent on it (and the app's memory sampled). */
  const run = async (side: 'app' | 'baseline', durationSeconds: number, overallRate?: number): Promise<{ load: LoadResult; cpuMs: number }> => {
    const target = side === 'app' ? opts.app : opts.baseline
    const timer = side === 'app' ? setInterval(sampleRss, 200) : undefined
    const cpuBefore = cpuSeconds(target.pid)
    try {
      const load = await job(target.origin, durationSeconds, overallRate)
      return { load, cpuMs: ((cpuSeconds(target.pid) - cpuBefore) * 1000) / Math.max(1, load.ok) }
    } finally {
      clearInterval(timer)
      if (side === 'app') sampleRss()
    }
  }

  log(`${page.label}: probe app ${appProbe.serviceMs.toFixed(1)} ms, baseline ${baseProbe.serviceMs.toFixed(1)} ms; rounds of ${roundSeconds} s`)
  await run('app', settings.warmupSeconds)
  await run('baseline', settings.warmupSeconds)

  const appRounds: { load: LoadResult; cpuMs: number }[] = []
  const baseRounds: { load: LoadResult; cpuMs: number }[] = []
  for (let r = 0; r < settings.rounds; r++) {
    const a = await run('app', roundSeconds)
    const b = await run('baseline', roundSeconds)
    appRounds.push(a)
    baseRounds.push(b)
    log(`${page.label}: round ${r + 1}/${settings.rounds}: app ${a.load.rps.toFixed(1)} req/s (${a.cpuMs.toFixed(2)} ms CPU each), baseline ${b.load.rps.toFixed(1)} req/s (${b.cpuMs.toFixed(2)} ms CPU each)`)
  }
  // half of each server's own capacity; autocannon cannot go below 1 request per second
  const appRate = Math.max(1, Math.round(median(appRounds.map((r) => r.load.rps)) / 2))
  const baseRate = Math.max(1, Math.round(median(baseRounds.map((r) => r.load.rps)) / 2))
  const appRated = (await run('app', roundSeconds, appRate)).load
  const baseRated = (await run('baseline', roundSeconds, baseRate)).load
  log(`${page.label}: at half capacity: app p99 ${appRated.latency.p99.toFixed(1)} ms @ ${appRate} req/s, baseline p99 ${baseRated.latency.p99.toFixed(1)} ms @ ${baseRate} req/s`)

  const side = (rounds: { load: LoadResult; cpuMs: number }[], rated: LoadResult, rate: number, first: RawResponse): SideResult => ({
    rps: median(rounds.map((r) => r.load.rps)),
    roundRps: rounds.map((r) => r.load.rps),
    spread: spread(rounds.map((r) => r.load.rps)),
    cpuMs: median(rounds.map((r) => r.cpuMs)),
    roundCpuMs: rounds.map((r) => r.cpuMs),
    latency: summarise(rounds.flatMap((r) => r.load.latencies)),
    rated: { rate, latency: rated.latency, rps: rated.rps, failed: rated.failed },
    failed: rounds.reduce((n, r) => n + r.load.failed, 0),
    wireBytes: first.bytes,
    encoding: first.encoding,
  })
  return {
    key: page.key,
    label: page.label,
    path: page.path,
    app: side(appRounds, appRated, appRate, appProbe.first),
    baseline: side(baseRounds, baseRated, baseRate, baseProbe.first),
    throughputRatio: median(appRounds.map((a, i) => a.load.rps / baseRounds[i]!.load.rps)),
    roundSeconds,
    appPeakRssMiB: peak,
  }
}
