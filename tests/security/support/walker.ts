// The route walker: given a route manifest, a policy per route and a way to send requests
// as someone, it probes every route and reports what an attacker would notice. It knows
// nothing about servers, so it runs against a real one (route-walker.test.ts) and against a
// fake one (walker.test.ts) alike.
import type { ManifestRoute, RouteManifest } from './manifest'

/** Who may use a route. Every route of the manifest must have exactly one. */
export type RoutePolicy<P extends string, S extends string> =
  /** Anyone, signed in or not. Say why, so a reviewer can disagree. `params` fills dynamic segments. */
  | { audience: 'public'; reason: string; params?: Record<string, string> }
  /** Every signed-in user; an anonymous request goes to /login. */
  | { audience: 'signed-in'; params?: Record<string, S>; form?: FormFor; query?: string }
  /** Vendor staff only: partner and supplier users are refused (403 or 404, never a redirect to /login). */
  | { audience: 'vendor-only'; control: P; params?: Record<string, S>; form?: FormFor; query?: string }
  /** Records of one organisation: a user of another organisation holding a real id gets 404. */
  | { audience: 'own-org'; control: P; params: Record<string, S>; form?: FormFor; query?: string }

/** A plausible form body for the route's action, given the ids put into the URL. */
export type FormFor = (ids: Record<string, string>) => Record<string, string>

/** A real record an attacker must not reach; `marker` is text of it that must never reach them either. */
export type ForeignRecord = { id: string; marker?: string }

export type ParamSource<P extends string> = {
  /** Real ids of records belonging to another organisation than the attacker's. */
  foreignFor(attacker: P): ForeignRecord[]
}

export type ProbeRequest<P extends string> = { method: 'GET' | 'POST'; path: string; as: P | null; form?: Record<string, string> }
export type ProbeResponse = { status: number; location: string | null; body: string }
export type Probe<P extends string> = (request: ProbeRequest<P>) => Promise<ProbeResponse>

export type WalkerWorld<P extends string, S extends string> = {
  manifest: RouteManifest
  policy: Partial<Record<string, RoutePolicy<P, S>>>
  /** signed-in users who must be refused: partner and supplier users */
  attackers: readonly P[]
  /** a signed-in user who probes 'signed-in' routes, which must open for them */
  member: P
  sources: Record<S, ParamSource<P>>
  probe: Probe<P>
  /** changes whenever the server commits a write; a refused request must not */
  dataVersion?: () => number
  /** text no refused response may contain (names of other organisations' records…) */
  secrets?: readonly string[]
  /** a form for actions whose policy gives none */
  defaultForm?: FormFor
}

export type Finding = { routeId: string; problem: string }

export type RouteShape = { template: string; params: string[]; isIndex: boolean }

/** The URL pattern of a route, its parents' paths included: `/accounts/:accountId`. */
export function routeShape(manifest: RouteManifest, id: string): RouteShape {
  const chain: ManifestRoute[] = []
  for (let r: ManifestRoute | undefined = manifest[id]; r; r = r.parentId ? manifest[r.parentId] : undefined) chain.unshift(r)
  const segments = chain.flatMap((r) => (r.path ? r.path.split('/') : [])).filter(Boolean)
  const params = segments.filter((s) => s.startsWith(':') || s === '*').map((s) => (s === '*' ? '*' : s.slice(1).replace(/\?$/, '')))
  return { template: '/' + segments.join('/'), params, isIndex: Boolean(manifest[id]?.index) }
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template
    .split('/')
    .map((s) => {
      if (s === '*') return values['*'] ?? ''
      if (s.startsWith(':')) return encodeURIComponent(values[s.slice(1).replace(/\?$/, '')] ?? '')
      return s.replace(/\?$/, '')
    })
    .join('/')
}

const isLoginRedirect = (r: ProbeResponse) => r.status >= 300 && r.status < 400 && /^(https?:\/\/[^/]+)?\/login([?#]|$)/.test(r.location ?? '')

function escapeHtml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')
}

function leaked(body: string, texts: readonly (string | undefined)[]): string | undefined {
  return texts.find((t) => t && (body.includes(t) || body.includes(escapeHtml(t))))
}

/** The shape of one probe for messages: `partnerUser GET /accounts/abc → 200`. */
const describe = (req: ProbeRequest<string>, res: ProbeResponse) => `${req.as ?? 'anonymous'} ${req.method} ${req.path} → ${res.status}${res.location ? ` (Location: ${res.location})` : ''}`

export async function walkRoutes<P extends string, S extends string>(world: WalkerWorld<P, S>): Promise<Finding[]> {
  const findings: Finding[] = []
  const ids = Object.keys(world.manifest).sort()

  for (const id of Object.keys(world.policy).sort()) {
    if (!world.manifest[id]) findings.push({ routeId: id, problem: `ROUTE_POLICY has an entry for a route the build does not have: remove it (or rebuild).` })
  }

  for (const id of ids) {
    const route = world.manifest[id]
    const shape = routeShape(world.manifest, id)
    const policy = world.policy[id]
    const report = (problem: string) => findings.push({ routeId: id, problem })

    if (!policy) {
      const paramHint = shape.params.length ? ` and, for ${shape.params.map((p) => `:${p}`).join(', ')}, how to get a real id of another organisation` : ''
      report(
        `route ${id} (${shape.template}) is not classified. Add it to ROUTE_POLICY in tests/security/route-walker.test.ts: ` +
          `its audience ('public' with a reason, 'signed-in', 'vendor-only' or 'own-org')${paramHint}.`,
      )
      continue
    }

    const canGet = route.hasLoader || route.hasComponent
    const postPath = (path: string) => (shape.isIndex ? `${path}${path.includes('?') ? '&' : '?'}index` : path)

    // Sends a request that must be refused, and checks it changed nothing and leaked nothing.
    async function refused(req: ProbeRequest<P>, expect: (r: ProbeResponse) => boolean, expectation: string, secrets: readonly (string | undefined)[] = []) {
      const before = world.dataVersion?.()
      const res = await world.probe(req)
      if (!expect(res)) report(`${describe(req, res)}; expected ${expectation}`)
      const leak = leaked(res.body, [...secrets, ...(world.secrets ?? [])])
      if (leak) report(`${describe(req, res)} shows "${leak}", which belongs to another organisation`)
      if (before !== undefined && world.dataVersion!() !== before) {
        // Something committed meanwhile. It may be the server's own background work from earlier
        // requests (on a busy machine it can land during any probe), so the same request is sent
        // again: a refused request that writes does so each time, background work does not.
        const again = world.dataVersion!()
        await world.probe(req)
        if (world.dataVersion!() !== again) report(`${describe(req, res)} changed the database although it was refused`)
      }
      return res
    }

    if (policy.audience === 'public') {
      if (!policy.reason?.trim()) report(`public route ${id} needs a reason in ROUTE_POLICY`)
      const missing = shape.params.filter((p) => !policy.params?.[p])
      if (missing.length) {
        report(`public route ${shape.template} has no value for ${missing.map((p) => `:${p}`).join(', ')} in ROUTE_POLICY params`)
        continue
      }
      const path = fillTemplate(shape.template, policy.params ?? {})
      if (canGet) {
        const req = { method: 'GET', path, as: null } as const
        const res = await world.probe(req)
        if (res.status >= 500) report(`${describe(req, res)}; a public page must not fail`)
      }
      if (route.hasAction) {
        const req = { method: 'POST', path: postPath(path), as: null, form: {} } as const
        const res = await world.probe(req)
        if (res.status >= 500) report(`${describe(req, res)}; an empty form must not make a public action fail`)
      }
      continue
    }

    const sourceNames = (policy.params ?? {}) as Record<string, S>
    const missing = shape.params.filter((p) => !sourceNames[p])
    if (missing.length) {
      report(`${shape.template}: ROUTE_POLICY does not say how to get a foreign id for ${missing.map((p) => `:${p}`).join(', ')} (add it to the entry's params)`)
      continue
    }
    const unknown = Object.values(sourceNames).filter((s) => !world.sources[s])
    if (unknown.length) {
      report(`${shape.template}: unknown foreign-id source ${unknown.join(', ')}`)
      continue
    }
    const form = policy.form ?? world.defaultForm ?? (() => ({}))
    // a search string some pages need to answer at all (a resource route's required query)
    const withQuery = (path: string) => path + (policy.query ?? '')

    // anonymous: sent to sign in, for reading and for writing
    {
      const anyIds = Object.fromEntries(shape.params.map((p) => [p, world.sources[sourceNames[p]].foreignFor(world.attackers[0])[0]?.id ?? 'unknown']))
      const path = fillTemplate(shape.template, anyIds)
      if (canGet) await refused({ method: 'GET', path: withQuery(path), as: null }, isLoginRedirect, 'a redirect to /login')
      if (route.hasAction) await refused({ method: 'POST', path: postPath(path), as: null, form: form(anyIds) }, (r) => isLoginRedirect(r) || r.status === 401 || r.status === 403, 'a redirect to /login (or 401/403)')
    }

    if (shape.params.length === 0) {
      if (policy.audience === 'signed-in') {
        if (canGet) {
          const req = { method: 'GET', path: withQuery(shape.template), as: world.member } as const
          const res = await world.probe(req)
          // a page for everyone may send someone elsewhere (their own organisation), but not back to sign in
          const opens = res.status === 200 || (res.status >= 300 && res.status < 400 && !isLoginRedirect(res))
          if (!opens) report(`${describe(req, res)}; a page for every signed-in user must open for them`)
        }
        continue
      }
      if (policy.audience === 'own-org') {
        report(`own-org route ${shape.template} has no dynamic segment: classify it as 'signed-in' or 'vendor-only'`)
        continue
      }
      // vendor-only page without ids: partner and supplier users are refused, vendor staff get in
      const forbidden = (r: ProbeResponse) => r.status === 403 || r.status === 404
      for (const attacker of world.attackers) {
        if (canGet) await refused({ method: 'GET', path: withQuery(shape.template), as: attacker }, forbidden, '403 or 404')
        if (route.hasAction) await refused({ method: 'POST', path: postPath(shape.template), as: attacker, form: form({}) }, forbidden, '403 or 404')
      }
      if (canGet) {
        const req = { method: 'GET', path: withQuery(shape.template), as: policy.control } as const
        const res = await world.probe(req)
        if (res.status !== 200) report(`${describe(req, res)}; the control user must get in, or the refusals above prove nothing`)
      }
      continue
    }

    // A route with ids: every attacker, holding real ids of another organisation's records, gets 404.
    const controlled = new Set<string>()
    for (const attacker of world.attackers) {
      const perParam = shape.params.map((p) => world.sources[sourceNames[p]].foreignFor(attacker))
      const empty = shape.params.filter((_, i) => perParam[i].length === 0)
      if (empty.length) {
        report(`no foreign record for ${empty.map((p) => `:${p}`).join(', ')} as ${attacker}: the seed must hold one, or the source must make one`)
        continue
      }
      const combos = Math.max(...perParam.map((l) => l.length))
      for (let k = 0; k < combos; k++) {
        const records = perParam.map((l) => l[k % l.length])
        const values = Object.fromEntries(shape.params.map((p, i) => [p, records[i].id]))
        const markers = records.map((r) => r.marker)
        const path = fillTemplate(shape.template, values)
        const notFound = (r: ProbeResponse) => r.status === 404
        if (canGet) await refused({ method: 'GET', path: withQuery(path), as: attacker }, notFound, '404 for a record of another organisation', markers)
        if (route.hasAction) await refused({ method: 'POST', path: postPath(path), as: attacker, form: form(values) }, notFound, '404 for a record of another organisation', markers)
        // the control user sees the same record: the id is real and the page works
        if (canGet && policy.audience !== 'signed-in' && !controlled.has(path)) {
          controlled.add(path)
          const req = { method: 'GET', path: withQuery(path), as: policy.control } as const
          const res = await world.probe(req)
          if (res.status !== 200) report(`${describe(req, res)}; the control user must see this record, or the 404s above prove nothing`)
          else {
            const absent = markers.find((m) => m && !leaked(res.body, [m]))
            if (absent) report(`${describe(req, res)} does not show "${absent}": the foreign-id source does not point at the record the page shows`)
          }
        }
      }
    }
  }
  return findings
}
