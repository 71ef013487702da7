// The load generator: a long-lived process, pinned to its own core by run.ts (`taskset -c 1`), that runs one
// autocannon job per IPC message and answers with exact latencies (from autocannon's per-response event, in
// fractional milliseconds, rather than its 1 ms histogram). Every job is bounded in time and in request count.
import autocannon from 'autocannon'
import type { LoadJob, LoadReply } from '../lib/load'

function run(job: LoadJob): Promise<LoadReply> {
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
        resolve({
          id: job.id,
          seconds,
          ok: latencies.length,
          errors: result.errors,
          timeouts: result.timeouts,
          statuses,
          latencies,
        })
      },
    )
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
      if (++responses >= job.maxRequests) instance.stop()
    })
  })
}

process.on('message', (job: LoadJob) => {
  void run(job).then((reply) => process.send?.(reply))
})
process.on('disconnect', () => process.exit(0))
