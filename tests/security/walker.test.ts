// The walker tested on its own, with a fake manifest and a fake server: it must report an
// unclassified route, a route that serves another organisation's record, and the other ways
// a route can fail an attacker's test — and stay silent about routes that behave.
import { describe, expect, it } from 'vitest'
import type { RouteManifest } from './support/manifest'
import { assertBuildPresent } from './support/server'
import { fillTemplate, routeShape, walkRoutes, type ProbeRequest, type ProbeResponse, type RoutePolicy } from './support/walker'

type Person = 'vendorAdmin' | 'partnerUser'
type Source = 'thing'

const route = (id: string, path: string | undefined, parentId: string | undefined, extra: Partial<RouteManifest[string]> = {}) => ({
  [id]: { id, path, parentId, hasLoader: true, hasAction: false, hasComponent: true, ...extra },
})

const MANIFEST: RouteManifest = {
  ...route('root', '', undefined),
  ...route('routes/_app', undefined, 'root'),
  ...route('routes/login', 'login', 'root', { hasAction: true }),
  ...route('routes/_app.things._index', 'things', 'routes/_app', { index: true }),
  ...route('routes/_app.things.$thingId', 'things/:thingId', 'routes/_app', { hasAction: true }),
}

const GOOD_POLICY: Record<string, RoutePolicy<Person, Source>> = {
  root: { audience: 'public', reason: 'shell' },
  'routes/login': { audience: 'public', reason: 'sign-in' },
  'routes/_app': { audience: 'signed-in' },
  'routes/_app.things._index': { audience: 'vendor-only', control: 'vendorAdmin' },
  'routes/_app.things.$thingId': { audience: 'own-org', control: 'vendorAdmin', params: { thingId: 'thing' } },
}

const THING = { id: 'thing-of-vendor', marker: 'Secret Thing Ltd' }
const sources = { thing: { foreignFor: () => [THING] } }

/** A well-behaved fake server; `bugs` make single routes misbehave. */
function fakeServer(bugs: { leakyThing?: boolean; loginRedirectForPartner?: boolean; crashForAnonymous?: boolean; writesOnRefusal?: boolean } = {}) {
  let version = 0
  const seen: ProbeRequest<Person>[] = []
  async function probe(req: ProbeRequest<Person>): Promise<ProbeResponse> {
    seen.push(req)
    const path = req.path.split('?')[0]
    const page = (status: number, body = '') => ({ status, location: null, body })
    const toLogin = { status: 302, location: `/login?redirectTo=${encodeURIComponent(path)}`, body: '' }
    if (path === '/login') return req.method === 'POST' ? page(400) : page(200, '<form>')
    if (path === '/') return req.as ? page(200, 'home') : toLogin
    if (path === '/things') {
      if (!req.as) return bugs.crashForAnonymous ? page(500) : toLogin
      if (req.as === 'partnerUser') return bugs.loginRedirectForPartner ? toLogin : page(403)
      return page(200, 'all things')
    }
    if (path.startsWith('/things/')) {
      if (!req.as) return toLogin
      if (req.as === 'partnerUser' && !bugs.leakyThing) {
        if (bugs.writesOnRefusal && req.method === 'POST') version++
        return page(404, 'not found')
      }
      return page(200, `<h1>${THING.marker}</h1>`)
    }
    return page(404)
  }
  return { probe, seen, dataVersion: () => version }
}

function walk(server: ReturnType<typeof fakeServer>, manifest = MANIFEST, policy: Partial<Record<string, RoutePolicy<Person, Source>>> = GOOD_POLICY) {
  return walkRoutes<Person, Source>({ manifest, policy, attackers: ['partnerUser'], member: 'partnerUser', sources, probe: server.probe, dataVersion: server.dataVersion })
}

describe('route walker', () => {
  it('stops with a clear message when there is no production build to walk', async () => {
    expect(() => assertBuildPresent('/nonexistent/build/server/index.js')).toThrow(/needs the production build.*missing[\s\S]*npx remix vite:build/)
  })

  it('builds URL patterns from the manifest, parents included', async () => {
    expect(routeShape(MANIFEST, 'routes/_app.things.$thingId')).toEqual({ template: '/things/:thingId', params: ['thingId'], isIndex: false })
    expect(routeShape(MANIFEST, 'routes/_app')).toEqual({ template: '/', params: [], isIndex: false })
    expect(fillTemplate('/a/:id/b/:other?', { id: 'x/y', other: '1' })).toBe('/a/x%2Fy/b/1')
  })

  it('finds nothing wrong with routes that behave, and probes each one', async () => {
    const server = fakeServer()
    expect(await walk(server)).toEqual([])
    // the own-org record was probed by the partner for reading and writing, and opened by the control user
    expect(server.seen).toContainEqual({ method: 'GET', path: '/things/thing-of-vendor', as: 'partnerUser' })
    expect(server.seen).toContainEqual(expect.objectContaining({ method: 'POST', path: '/things/thing-of-vendor', as: 'partnerUser' }))
    expect(server.seen).toContainEqual({ method: 'GET', path: '/things/thing-of-vendor', as: 'vendorAdmin' })
  })

  it('fails on a route the policy does not classify, naming it and what to add', async () => {
    const manifest = { ...MANIFEST, ...route('routes/_app.reports.$reportId', 'reports/:reportId', 'routes/_app') }
    const findings = await walk(fakeServer(), manifest)
    expect(findings).toHaveLength(1)
    expect(findings[0].routeId).toBe('routes/_app.reports.$reportId')
    expect(findings[0].problem).toMatch(/not classified.*ROUTE_POLICY.*:reportId/)
  })

  it('fails when a route serves another organisation’s record', async () => {
    const findings = await walk(fakeServer({ leakyThing: true }))
    const problems = findings.filter((f) => f.routeId === 'routes/_app.things.$thingId').map((f) => f.problem)
    expect(problems).toContainEqual(expect.stringMatching(/partnerUser GET \/things\/thing-of-vendor → 200; expected 404/))
    expect(problems).toContainEqual(expect.stringMatching(/partnerUser POST \/things\/thing-of-vendor → 200; expected 404/))
    expect(problems).toContainEqual(expect.stringMatching(/shows "Secret Thing Ltd"/))
  })

  it('fails when a signed-in partner is sent to /login instead of being refused, and on a 500', async () => {
    const findings = await walk(fakeServer({ loginRedirectForPartner: true, crashForAnonymous: true }))
    const problems = findings.map((f) => f.problem)
    expect(problems).toContainEqual(expect.stringMatching(/partnerUser GET \/things → 302.*expected 403 or 404/))
    expect(problems).toContainEqual(expect.stringMatching(/anonymous GET \/things → 500; expected a redirect to \/login/))
  })

  it('fails when a refused request still wrote to the database', async () => {
    const findings = await walk(fakeServer({ writesOnRefusal: true }))
    expect(findings.map((f) => f.problem)).toContainEqual(expect.stringMatching(/POST \/things\/thing-of-vendor → 404 changed the database/))
  })

  it('fails on a dynamic segment without a foreign-id source, a public route without a reason, and a stale entry', async () => {
    const policy = {
      ...GOOD_POLICY,
      root: { audience: 'public', reason: ' ' },
      'routes/_app.things.$thingId': { audience: 'own-org', control: 'vendorAdmin', params: {} },
      'routes/gone': { audience: 'signed-in' },
    } as Record<string, RoutePolicy<Person, Source>>
    const problems = (await walk(fakeServer(), MANIFEST, policy)).map((f) => `${f.routeId}: ${f.problem}`)
    expect(problems).toContainEqual(expect.stringMatching(/^root: public route root needs a reason/))
    expect(problems).toContainEqual(expect.stringMatching(/things\/:thingId: ROUTE_POLICY does not say how to get a foreign id for :thingId/))
    expect(problems).toContainEqual(expect.stringMatching(/^routes\/gone: ROUTE_POLICY has an entry for a route the build does not have/))
  })

  it('fails when the control user cannot see the record, since the 404s would then prove nothing', async () => {
    const server = fakeServer()
    const probe = async (req: ProbeRequest<Person>) => (req.as === 'vendorAdmin' && req.path.startsWith('/things/') ? { status: 404, location: null, body: '' } : server.probe(req))
    const findings = await walkRoutes<Person, Source>({ manifest: MANIFEST, policy: GOOD_POLICY, attackers: ['partnerUser'], member: 'partnerUser', sources, probe })
    expect(findings.map((f) => f.problem)).toContainEqual(expect.stringMatching(/vendorAdmin GET \/things\/thing-of-vendor → 404; the control user must see this record/))
  })
})
