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

describe('loader data unwrapped from the text json() serialised', () => {
  it('gives what the browser gets: the JSON value, not the object the loader returned', async () => {
    const { createStaticHandler, json } = await import('@remix-run/router')
    const stamp = new Date(Date.UTC(2026, 11, 4))
    const handler = createStaticHandler([{ id: 'page', path: '/', loader: () => json({ stamp, gone: undefined, list: [1, 'two'] }, { headers: { 'X-Kept': 'yes' } }) }])
    for (let i = 0; i < 2; i++) {
      const context = await handler.query(new Request('http://mitra.test/'))
      if (context instanceof Response) throw new Error('unexpected response')
      expect(context.loaderData.page).toEqual({ stamp: '2026-12-04T00:00:00.000Z', list: [1, 'two'] })
      expect(context.loaderHeaders.page?.get('X-Kept')).toBe('yes')
    }
  })

  it('still reads a json response whose body a loader already consumed, or one built elsewhere', async () => {
    const { createStaticHandler, json } = await import('@remix-run/router')
    const handler = createStaticHandler([
      { id: 'page', path: '/', loader: () => new Response('{"plain":true}', { headers: { 'Content-Type': 'application/json' } }) },
      { id: 'read', path: '/read', loader: async () => { const r = json({ a: 1 }); const copy = r.clone(); await r.text(); return copy } },
    ])
    const plain = await handler.query(new Request('http://mitra.test/'))
    const read = await handler.query(new Request('http://mitra.test/read'))
    if (plain instanceof Response || read instanceof Response) throw new Error('unexpected response')
    expect(plain.loaderData.page).toEqual({ plain: true })
    expect(read.loaderData.read).toEqual({ a: 1 })
  })
})

describe('the request a loader is given', () => {
  const seen = async (url: string) => {
    const { callRouteLoader } = (await import('@remix-run/server-runtime/dist/data.js')) as unknown as { callRouteLoader: (args: object) => Promise<Response> }
    const request = new Request(url)
    let given: Request | undefined
    await callRouteLoader({ loadContext: {}, params: {}, request, routeId: 'r', singleFetch: false, loader: ({ request: r }: { request: Request }) => ((given = r), null) })
    return { given: given!, same: given === request }
  }

  it('has the index and _data parameters removed, the others kept', async () => {
    expect(new URL((await seen('http://mitra.test/deals/1?index&tab=a')).given.url).search).toBe('?tab=a')
    expect(new URL((await seen('http://mitra.test/deals?_data=routes%2F_app.deals&q=Maju%20Jaya')).given.url).searchParams.get('_data')).toBeNull()
    expect(new URL((await seen('http://mitra.test/deals?_data=routes%2F_app.deals&q=Maju%20Jaya')).given.url).searchParams.get('q')).toBe('Maju Jaya')
    expect(new URL((await seen('http://mitra.test/deals?%5Fdata=x')).given.url).searchParams.has('_data')).toBe(false)
  })

  it('is the request itself when there is nothing to remove', async () => {
    expect((await seen('http://mitra.test/accounts')).same).toBe(true)
    expect((await seen('http://mitra.test/accounts?region=DKI%20Jakarta&sort=name')).same).toBe(true)
    expect((await seen('http://mitra.test/accounts?indexed=1')).given.url).toBe('http://mitra.test/accounts?indexed=1')
  })
})
