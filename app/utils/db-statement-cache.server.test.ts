import { describe, expect, it } from 'vitest'
import { rawSqlite } from './db.server'

describe('the connection keeps prepared statements', () => {
  it('hands back the same statement for the same SQL, in its default (object) mode', () => {
    const sqlite = rawSqlite()
    const first = sqlite.prepare('SELECT 1 AS x')
    expect(first.raw().get()).toEqual([1]) // as drizzle reads
    const again = sqlite.prepare('SELECT 1 AS x')
    expect(again).toBe(first)
    expect(again.get()).toEqual({ x: 1 })
  })

  it('never hands out a statement that an open iterator is still using', () => {
    const sqlite = rawSqlite()
    const iterating = sqlite.prepare('SELECT value FROM json_each(?)')
    const rows = iterating.iterate('[1,2,3]')
    rows.next()
    const other = sqlite.prepare('SELECT value FROM json_each(?)')
    expect(other).not.toBe(iterating)
    expect(other.all('[4]')).toEqual([{ value: 4 }])
    rows.return?.()
  })

  it('leaves pragmas alone', () => {
    expect(rawSqlite().pragma('foreign_keys', { simple: true })).toBe(1)
    expect(rawSqlite().pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }])
  })
})
