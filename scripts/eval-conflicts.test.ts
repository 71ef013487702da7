/**
 * Quality gates of the conflict check (issue 17), on the in-memory evaluation (same keys, same scorer, word counts
 * over the loaded accounts as the database keeps them). The held-out part of the generated set is never tuned on:
 * these tests only read its figures.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateFile } from './eval-conflicts-pure'

const repo = path.resolve(import.meta.dirname, '..')
const generated = (f: string) => path.join(repo, 'tests/data/conflicts', f)
const sample = path.resolve(repo, '../shared/data/conflicts/sample.csv')

describe('conflict check quality', () => {
  it('held-out part of the generated set: precision >= 0.95 and recall >= 0.97', () => {
    const m = evaluateFile(generated('holdout.csv'))
    expect(m.tp + m.fn).toBeGreaterThan(200)
    expect(m.precision).toBeGreaterThanOrEqual(0.95)
    expect(m.recall).toBeGreaterThanOrEqual(0.97)
  })

  it('held-out part scored with the built-in rarity (no statistics) meets the same targets', () => {
    const m = evaluateFile(generated('holdout.csv'), { noStats: true })
    expect(m.precision).toBeGreaterThanOrEqual(0.95)
    expect(m.recall).toBeGreaterThanOrEqual(0.97)
  })

  it('whole generated set: precision >= 0.95 and recall >= 0.97', () => {
    const m = evaluateFile(generated('pairs.csv'))
    expect(m.precision).toBeGreaterThanOrEqual(0.95)
    expect(m.recall).toBeGreaterThanOrEqual(0.97)
  })

  it.skipIf(!fs.existsSync(sample))('labelled sample: every match found, nothing else', () => {
    const m = evaluateFile(sample)
    expect(m.fp).toBe(0)
    expect(m.fn).toBe(0)
  })
})
