// The load generator: a long-lived process, pinned to its own core by run.ts (`taskset -c 1`), that runs one job
// per IPC message. Every job is bounded in time and in request count. Two kinds:
// - autocannon (closed loop: N connections, each sends its next request when the last answered; optionally
//   autocannon's `overallRate`), with exact latencies from its per-response event (fractional ms) rather than its
//   1 ms histogram;
// - paced (open loop): requests leave at random (Poisson) times at a fixed mean rate whatever the server does, over
//   keep-alive connections, and each latency counts from the moment the request was due, so a stalled server
//   shows up in the figures (no coordinated omission). This is how real users arrive.
import http from 'node:http'
import autocannon from 'autocannon'
import type { LoadJob, LoadReply } from '../lib/load'

function runAutocannon(job: LoadJob): Promise<LoadReply> {
  return new Promise((resolve) => {
    const latencies: number[] = []
    const statuses: Record<string, number> = {}
    let responses = 0
    const started = performance.now()
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSeconds,
        timeout: job.timeoutSeconds,
        headers: job.headers,
        ...(job.overallRate ? { overallRate: job.overallRate, ignoreCoordinatedOmission: true } : {}),
      },
      (error, result) => {
        const seconds = (performance.now() - started) / 1000
        if (error) return resolve({ id: job.id, error: error.message })
        resolve({ id: job.id, seconds, sent: result.requests.sent, ok: latencies.length, errors: result.errors, timeouts: result.timeouts, statuses, latencies })
      },
    )
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
      if (++responses >= job.maxRequests) instance.stop()
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function runPaced(job: LoadJob & { pacedRate: number }): Promise<LoadReply> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  let timeouts = 0
  let inFlight = 0
  let sent = 0
  const started = performance.now()
  const end = started + job.durationSeconds * 1000
  const meanGapMs = 1000 / job.pacedRate
  const fire = (due: number) => {
    inFlight++
    const req = http.get(job.url, { agent, headers: job.headers }, (res) => {
      res.resume()
      res.on('end', () => {
        inFlight--
        const code = res.statusCode ?? 0
        statuses[code] = (statuses[code] ?? 0) + 1
        if (code >= 200 && code < 300) latencies.push(performance.now() - due)
      })
    })
    req.setTimeout(job.timeoutSeconds * 1000, () => {
      timeouts++
      req.destroy()
    })
    req.on('error', () => {
      inFlight--
      errors++
    })
  }
  let due = started
  while (due < end && sent < job.maxRequests) {
    const now = performance.now()
    if (due > now) await sleep(due - now)
    // send everything that is due (timers fire late by a millisecond or so; the latency still counts from `due`)
    while (due <= performance.now() && due < end && sent < job.maxRequests) {
      fire(due)
      sent++
      due += -Math.log(1 - Math.random()) * meanGapMs
    }
  }
  const drainUntil = performance.now() + job.timeoutSeconds * 1000
  while (inFlight > 0 && performance.now() < drainUntil) await sleep(5)
  agent.destroy()
  return { id: job.id, seconds: (performance.now() - started) / 1000, sent, ok: latencies.length, errors, timeouts, statuses, latencies }
}

process.on('message', (job: LoadJob) => {
  const run = job.pacedRate ? runPaced(job as LoadJob & { pacedRate: number }) : runAutocannon(job)
  void run.then((reply) => process.send?.(reply))
})
process.on('disconnect', () => process.exit(0))
