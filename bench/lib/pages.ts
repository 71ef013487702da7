// The page measures: one page, the app against the baseline, under the same load from the pinned driver.
// Warm-up, then interleaved rounds at a fixed concurrency (app, baseline, app, baseline, ...), then each server at
// half of its own measured capacity: once with autocannon's overallRate, once with random (Poisson) arrivals.
import http from 'node:http'
import type { LoadDriver, LoadResult } from './load'
import { cpuSeconds, residentMiB, waitUntilIdle } from './servers'
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
  /** The app is killed (and the page reported as aborted) if its RSS passes this. */
  appMemoryLimitMiB: number
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
  /** At half of this server's capacity: autocannon overallRate (bursts at each second) and paced (random arrivals). */
  rated: { rate: number; latency: LatencySummary; rps: number; failed: number }
  paced: { rate: number; latency: LatencySummary; failed: number }
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
  // a slow page gets longer rounds (at least ~60 responses at saturation), up to 45 s
  const slowest = Math.max(appProbe.serviceMs, baseProbe.serviceMs)
  const roundSeconds = Math.min(45, Math.max(settings.roundSeconds, Math.ceil((slowest * 60) / 1000)))
  const timeoutSeconds = Math.max(10, Math.ceil((slowest * settings.connections * 4) / 1000))
  const job = (origin: string, durationSeconds: number, rate?: { overallRate?: number; pacedRate?: number }) =>
    driver.run({ url: origin + page.path, headers, connections: settings.connections, durationSeconds, timeoutSeconds, ...rate, maxRequests: settings.maxRequestsPerJob })

  let peak = 0
  let overLimit = false
  const sampleRss = () => {
    try {
      peak = Math.max(peak, residentMiB(opts.app.pid))
    } catch {
      /* the process is gone: the load job will fail and say so */
    }
    // the machine's memory is shared: an app that runs away is stopped rather than left to swap the box
    if (peak > settings.appMemoryLimitMiB && !overLimit) {
      overLimit = true
      log(`${page.label}: the app's RSS reached ${peak.toFixed(0)} MiB (limit ${settings.appMemoryLimitMiB}): stopping it`)
      process.kill(opts.app.pid, 'SIGKILL')
    }
  }
  /**
   * One load job against one server, with the CPU the server spent per request: from the start of the job until
   * the server is idle again, over the requests sent (it finishes those whose answers came too late to count).
   */
  const run = async (side: 'app' | 'baseline', durationSeconds: number, rate?: { overallRate?: number; pacedRate?: number }): Promise<{ load: LoadResult; cpuMs: number }> => {
    const target = side === 'app' ? opts.app : opts.baseline
    const timer = side === 'app' ? setInterval(sampleRss, 200) : undefined
    const cpuBefore = cpuSeconds(target.pid)
    try {
      const load = await job(target.origin, durationSeconds, rate)
      if (overLimit) throw new Error(`aborted: the app's RSS passed ${settings.appMemoryLimitMiB} MiB under this load`)
      await waitUntilIdle(target.pid)
      return { load, cpuMs: ((cpuSeconds(target.pid) - cpuBefore) * 1000) / Math.max(1, load.sent) }
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
  // half of each server's own capacity (autocannon takes whole requests per second, at least 1)
  const appHalf = median(appRounds.map((r) => r.load.rps)) / 2
  const baseHalf = median(baseRounds.map((r) => r.load.rps)) / 2
  const appRate = Math.max(1, Math.round(appHalf))
  const baseRate = Math.max(1, Math.round(baseHalf))
  // autocannon's limiter works in whole requests per second: below 2 req/s of capacity, half of it cannot be asked for
  const notRun: LoadResult = { rps: 0, seconds: 0, sent: 0, ok: 0, failed: 0, statuses: {}, latency: summarise([]), latencies: [] }
  const appRated = appHalf >= 1 ? (await run('app', roundSeconds, { overallRate: appRate })).load : notRun
  const baseRated = baseHalf >= 1 ? (await run('baseline', roundSeconds, { overallRate: baseRate })).load : notRun
  const appPaced = (await run('app', roundSeconds, { pacedRate: appHalf })).load
  const basePaced = (await run('baseline', roundSeconds, { pacedRate: baseHalf })).load
  log(`${page.label}: at half capacity (${appHalf.toFixed(1)} / ${baseHalf.toFixed(1)} req/s): p99 with autocannon overallRate app ${appRated.latency.p99.toFixed(1)} ms, baseline ${baseRated.latency.p99.toFixed(1)} ms; with random arrivals app ${appPaced.latency.p99.toFixed(1)} ms, baseline ${basePaced.latency.p99.toFixed(1)} ms`)

  const side = (rounds: { load: LoadResult; cpuMs: number }[], rated: LoadResult, paced: LoadResult, rate: number, half: number, first: RawResponse): SideResult => ({
    rps: median(rounds.map((r) => r.load.rps)),
    roundRps: rounds.map((r) => r.load.rps),
    spread: spread(rounds.map((r) => r.load.rps)),
    cpuMs: median(rounds.map((r) => r.cpuMs)),
    roundCpuMs: rounds.map((r) => r.cpuMs),
    latency: summarise(rounds.flatMap((r) => r.load.latencies)),
    rated: { rate, latency: rated.latency, rps: rated.rps, failed: rated.failed },
    paced: { rate: half, latency: paced.latency, failed: paced.failed },
    failed: rounds.reduce((n, r) => n + r.load.failed, 0),
    wireBytes: first.bytes,
    encoding: first.encoding,
  })
  return {
    key: page.key,
    label: page.label,
    path: page.path,
    app: side(appRounds, appRated, appPaced, appRate, appHalf, appProbe.first),
    baseline: side(baseRounds, baseRated, basePaced, baseRate, baseHalf, baseProbe.first),
    throughputRatio: median(appRounds.map((a, i) => a.load.rps / baseRounds[i]!.load.rps)),
    roundSeconds,
    appPeakRssMiB: peak,
  }
}
