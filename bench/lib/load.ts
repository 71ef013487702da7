// Talks to the load driver (bench/load/driver.ts), which runs pinned to its own core so that the load generator
// and the server under test never share one.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { summarise, type LatencySummary } from './stats'

export type LoadJob = {
  id: number
  url: string
  headers: Record<string, string>
  connections: number
  durationSeconds: number
  timeoutSeconds: number
  /** Requests per second over all connections (autocannon `overallRate`); absent = as fast as possible. */
  overallRate?: number
  /** Open loop instead of autocannon: requests at random (Poisson) times, this many per second on average. */
  pacedRate?: number
  /** Hard cap: the job stops after this many responses even if its time is not up. */
  maxRequests: number
}

export type LoadReply =
  | { id: number; error: string }
  | { id: number; seconds: number; sent: number; ok: number; errors: number; timeouts: number; statuses: Record<string, number>; latencies: number[] }

export type LoadResult = {
  /** Successful (2xx) responses per second. */
  rps: number
  seconds: number
  /** Requests sent, answered or not (the server works on every one of them). */
  sent: number
  ok: number
  failed: number
  statuses: Record<string, number>
  latency: LatencySummary
  latencies: number[]
}

export class LoadDriver {
  private readonly child: ChildProcess
  private nextId = 1
  private readonly pending = new Map<number, (reply: LoadReply) => void>()

  constructor(benchDir: string, core: number) {
    this.child = spawn('taskset', ['-c', String(core), process.execPath, '--import', 'tsx', path.join(benchDir, 'load/driver.ts')], {
      cwd: path.resolve(benchDir, '..'),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: LoadReply) => {
      this.pending.get(reply.id)?.(reply)
      this.pending.delete(reply.id)
    })
  }

  run(job: Omit<LoadJob, 'id'>): Promise<LoadResult> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => {
        if ('error' in reply) return reject(new Error(`load job failed: ${reply.error}`))
        const failed = reply.errors + reply.timeouts + Object.entries(reply.statuses).reduce((n, [code, count]) => n + (code.startsWith('2') ? 0 : count), 0)
        resolve({ rps: reply.ok / reply.seconds, seconds: reply.seconds, sent: reply.sent, ok: reply.ok, failed, statuses: reply.statuses, latency: summarise(reply.latencies), latencies: reply.latencies })
      })
      this.child.send({ ...job, id } satisfies LoadJob)
    })
  }

  close() {
    this.child.disconnect()
  }
}
