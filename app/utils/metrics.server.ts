// Prometheus metrics (prom-client). One registry per process, kept on globalThis because
// server.ts (HTTP series) and the app build (job series) load this module separately.
// Served by server.ts at /metrics to allowed networks or a bearer token (docs/operations.md).
import fs from 'node:fs'
import client from 'prom-client'
import { rawSqlite, sqliteFileFromUrl } from './db.server'
import { getEnv } from './env.server'

function create() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'mitra_' })
  const httpRequests = new client.Counter({ name: 'mitra_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] })
  const httpDuration = new client.Histogram({
    name: 'mitra_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const http5xx = new client.Counter({ name: 'mitra_http_5xx_total', help: 'HTTP responses with a 5xx status, by route', labelNames: ['route'] as const, registers: [registry] })
  const rateLimited = new client.Counter({ name: 'mitra_rate_limited_total', help: 'Requests refused by an abuse limit, by limit', labelNames: ['limit'] as const, registers: [registry] })
  const jobRuns = new client.Counter({ name: 'mitra_job_runs_total', help: 'Periodic job runs (lease taken and job run), by job', labelNames: ['job'] as const, registers: [registry] })
  const schedulerTicks = new client.Counter({ name: 'mitra_scheduler_ticks_total', help: 'Passes of the in-process scheduler over the jobs (each job run or skipped)', registers: [registry] })
  const jobFailures = new client.Counter({ name: 'mitra_job_failures_total', help: 'Periodic job runs that threw, by job', labelNames: ['job'] as const, registers: [registry] })
  new client.Gauge({
    name: 'mitra_outbox_backlog',
    help: 'Emails waiting in the outbox (status pending)',
    registers: [registry],
    collect() {
      try {
        const row = rawSqlite().prepare("SELECT count(*) AS n FROM email_outbox WHERE status = 'pending'").get() as { n: number }
        this.set(row.n)
      } catch {
        /* database unavailable: readiness reports it */
      }
    },
  })
  new client.Gauge({
    name: 'mitra_sqlite_wal_bytes',
    help: 'Size of the SQLite write-ahead log file',
    registers: [registry],
    collect() {
      try {
        this.set(fs.statSync(`${sqliteFileFromUrl(getEnv().DATABASE_URL)}-wal`).size)
      } catch {
        this.set(0)
      }
    },
  })
  return { registry, httpRequests, httpDuration, http5xx, rateLimited, jobRuns, jobFailures, schedulerTicks }
}

const KEY = Symbol.for('mitra.metrics')
const holder = globalThis as unknown as Record<symbol, ReturnType<typeof create> | undefined>

export function metrics() {
  return (holder[KEY] ??= create())
}
