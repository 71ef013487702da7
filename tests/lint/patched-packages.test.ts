// patches/ changes third-party code for speed only (issue 10): these pin that the answers stay the same.
import { describe, expect, it } from 'vitest'
import { entityKind, is, SQL, sql } from 'drizzle-orm'
import { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { matchRoutes } from '@remix-run/router'
import { accounts } from '../../db/schema'

describe('drizzle is() with its per-class cache', () => {
  it('answers as instanceof does, for the same value asked many times', () => {
    for (let i = 0; i < 3; i++) {
      expect(is(accounts.name, SQLiteColumn)).toBe(true)
      expect(is(sql`1`, SQL)).toBe(true)
      expect(is(accounts.name, SQL)).toBe(false)
      expect(is({}, SQL)).toBe(false)
      expect(is(null, SQL)).toBe(false)
    }
  })

  it('still recognises an entity from another copy of drizzle by its kind, and a stranger as not one', () => {
    class CopiedSql {
      static readonly [entityKind] = (SQL as unknown as Record<symbol, string>)[entityKind]
    }
    class Stranger {
      static readonly [entityKind] = 'Stranger'
    }
    for (let i = 0; i < 2; i++) {
      expect(is(new CopiedSql(), SQL)).toBe(true)
      expect(is(new Stranger(), SQL)).toBe(false)
    }
  })
})

describe('route matching with its cached branches', () => {
  const routes = [
    { id: 'root', path: '/', children: [{ id: 'index', index: true }, { id: 'deals', path: 'deals', children: [{ id: 'deal', path: ':id' }, { id: 'new', path: 'new' }] }, { id: 'splat', path: '*' }] },
  ]
  it('matches the most specific route, the same on every call, and sees a changed tree', () => {
    for (let i = 0; i < 3; i++) {
      expect(matchRoutes(routes, '/deals/new')?.map((m) => m.route.id)).toEqual(['root', 'deals', 'new'])
      expect(matchRoutes(routes, '/deals/42')?.map((m) => m.route.id)).toEqual(['root', 'deals', 'deal'])
      expect(matchRoutes(routes, '/elsewhere')?.map((m) => m.route.id)).toEqual(['root', 'splat'])
      expect(matchRoutes(routes, '/')?.map((m) => m.route.id)).toEqual(['root', 'index'])
    }
    const other = [{ id: 'only', path: '/deals/:id' }]
    expect(matchRoutes(other, '/deals/new')?.map((m) => m.route.id)).toEqual(['only'])
  })
})
