import { and, eq, lt } from 'drizzle-orm'
import { jobLeases } from '../../db/schema/jobs'
import { db } from '../utils/db.server'
import { newId } from '../utils/ids'
import { logger } from '../utils/logger.server'
import { metrics } from '../utils/metrics.server'

/**
 * leaseMs: how long a run may hold the job before another process may take it (default 5 minutes).
 * forceable: false keeps the job to its interval even in `npm run jobs` (a backup per cron minute would fill the disk).
 */
export type Job = { name: string; everyMs: number; leaseMs?: number; forceable?: boolean; run: (now: number) => Promise<unknown> | unknown }

const holder = `${process.pid}-${newId().slice(0, 8)}`

/**
 * Runs a job if its lease is free and it is due. The lease row makes two processes (two
 * app servers, or the server and `npm run jobs`) never run the same job at once.
 */
export async function runJobOnce(job: Job, now = Date.now(), options: { force?: boolean } = {}): Promise<'ran' | 'skipped'> {
  db.insert(jobLeases).values({ name: job.name, leaseUntil: 0 }).onConflictDoNothing().run()
  const lease = db.select().from(jobLeases).where(eq(jobLeases.name, job.name)).get()
  const forced = options.force && job.forceable !== false
  if (!forced && lease?.lastRunAt && now - lease.lastRunAt < job.everyMs) return 'skipped'
  const taken = db
    .update(jobLeases)
    .set({ holder, leaseUntil: now + (job.leaseMs ?? 5 * 60_000) })
    .where(and(eq(jobLeases.name, job.name), lt(jobLeases.leaseUntil, now)))
    .run().changes
  if (!taken) return 'skipped'
  let result: string
  metrics().jobRuns.inc({ job: job.name })
  try {
    result = JSON.stringify((await job.run(now)) ?? null)
  } catch (error) {
    result = JSON.stringify({ error: String((error as Error).message ?? error) })
    metrics().jobFailures.inc({ job: job.name })
    logger().error({ err: error, job: job.name }, 'job failed')
  }
  db.update(jobLeases).set({ holder: null, leaseUntil: 0, lastRunAt: now, lastResult: result.slice(0, 1000) }).where(eq(jobLeases.name, job.name)).run()
  return 'ran'
}

export async function runDueJobs(jobs: Job[], now = Date.now(), options: { force?: boolean } = {}) {
  const out: Record<string, 'ran' | 'skipped'> = {}
  for (const job of jobs) out[job.name] = await runJobOnce(job, now, options)
  return out
}

/**
 * Runs due jobs every `intervalMs`. The returned stop() starts no further job and resolves
 * once the job running now (if any) has finished and released its lease, so a shutdown never
 * leaves a lease held by a dead process (which would hold the job back for the lease's 5 minutes
 * and, for a job killed half-way, run its first half twice).
 */
export function startScheduler(jobs: Job[], intervalMs: number): () => Promise<void> {
  let current: Promise<void> | null = null
  let stopped = false
  const tick = async () => {
    if (current || stopped) return
    current = (async () => {
      try {
        for (const job of jobs) {
          if (stopped) break
          await runJobOnce(job)
        }
        metrics().schedulerTicks.inc()
      } catch (error) {
        // a broken job or a busy database must never take the web server down with it
        logger().error({ err: error }, 'job scheduler tick failed')
      }
    })()
    await current
    current = null
  }
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  void tick()
  return async () => {
    stopped = true
    clearInterval(timer)
    if (current) await current
  }
}
