import { describe, expect, it } from 'vitest'
import { runDueJobs, runJobOnce, type Job } from './runner.server'
import { db } from '../utils/db.server'
import { jobLeases } from '../../db/schema/jobs'

describe('job runner', () => {
  it('runs a due job once per interval and records its result', async () => {
    let runs = 0
    const job: Job = { name: 'count', everyMs: 60_000, run: () => ({ runs: ++runs }) }
    const now = Date.now()
    expect(await runJobOnce(job, now)).toBe('ran')
    expect(await runJobOnce(job, now + 1000)).toBe('skipped')
    expect(await runJobOnce(job, now + 61_000)).toBe('ran')
    expect(runs).toBe(2)
    expect(db.select().from(jobLeases).all().find((l) => l.name === 'count')?.lastResult).toBe('{"runs":2}')
  })

  it('does not start a job whose lease another runner holds', async () => {
    let runs = 0
    let release!: () => void
    const slow: Job = { name: 'slow', everyMs: 0, run: () => new Promise<void>((r) => ((release = r), runs++)) }
    const first = runJobOnce(slow, Date.now(), { force: true })
    expect(await runJobOnce(slow, Date.now(), { force: true })).toBe('skipped')
    release()
    await first
    expect(runs).toBe(1)
  })

  it('keeps going when one job throws', async () => {
    const result = await runDueJobs([
      { name: 'boom', everyMs: 0, run: () => { throw new Error('boom') } },
      { name: 'fine', everyMs: 0, run: () => 'ok' },
    ])
    expect(result).toEqual({ boom: 'ran', fine: 'ran' })
  })
})
