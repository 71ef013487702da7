// Cross-site request forgery, security headers and the session cookie, against the production
// server. It runs behind a "proxy" (TRUST_PROXY=true), so X-Forwarded-Proto: https stands for
// a request that arrived over HTTPS.
import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type HttpResult, type Session, type TestServer } from './support/server'

let server: TestServer
let user: Session
let userId: string

beforeAll(async () => {
  server = await startServer('csrf-headers', { TRUST_PROXY: 'true' })
  user = await server.signIn('user@majujaya.test')
  userId = (server.db.prepare("SELECT id FROM users WHERE email = 'user@majujaya.test'").get() as { id: string }).id
})

afterAll(async () => {
  await server?.stop()
})

const nameOf = () => (server.db.prepare('SELECT name FROM users WHERE id = ?').get(userId) as { name: string }).name
const sessionsOf = () => (server.db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number }).n
const signedIn = async (session: Session, headers: Record<string, string> = {}) => (await server.request('/profile', { as: session, headers })).status === 200

describe('CSRF: a state change needs our own Origin', () => {
  const form = { name: 'Forged Name', locale: 'id', timeZone: 'Asia/Jakarta' }

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin "null" (sandboxed frame, data: URL)', { origin: 'null' }],
    ['a look-alike Origin', { origin: 'http://127.0.0.1.evil.example' }],
    ['our host on another port', { origin: 'http://127.0.0.1:1' }],
    ['our host over https when we are http', { origin: 'https://127.0.0.1' }],
    ['Sec-Fetch-Site: cross-site, even with our Origin', { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { headers: { 'Sec-Fetch-Site': 'same-site' } }],
    ['a session cookie and no Origin at all', { origin: false as const }],
  ])('refuses a POST with %s, and changes nothing', async (_label, options) => {
    const before = server.dataVersion()
    const res = await server.request('/profile', { as: user, form, ...options })
    expect(res.status).toBe(403)
    expect(nameOf()).not.toBe('Forged Name')
    expect(server.dataVersion()).toBe(before)
  })

  it('refuses other unsafe methods from a foreign origin as well', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await server.request('/profile', { method, as: user, origin: 'https://evil.example' })
      expect(res.status, method).toBe(403)
    }
  })

  it('refuses a forged sign-in (login CSRF) and a forged sign-out', async () => {
    const before = (server.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n
    const login = await server.request('/login', { form: { email: 'user@majujaya.test', password: 'mitra-demo-2026' }, origin: 'https://evil.example' })
    expect(login.status).toBe(403)
    expect(login.setCookies).toEqual([])
    expect((server.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(before)

    const logout = await server.request('/logout', { as: user, form: {}, origin: 'https://evil.example' })
    expect(logout.status).toBe(403)
    expect(await signedIn(user)).toBe(true)
  })

  it('accepts the same POST from our own origin (so the refusals above are the Origin check)', async () => {
    const res = await server.request('/profile', { as: user, form: { name: 'Rina Kusuma', locale: 'id', timeZone: 'Asia/Jakarta' }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
    expect(res.status).toBe(302)
    expect(nameOf()).toBe('Rina Kusuma')
  })
})

describe('no GET changes state', () => {
  it('GET /logout does not sign out', async () => {
    const res = await server.request('/logout', { as: user })
    expect(res.status).toBe(302)
    expect(res.setCookies.join()).not.toMatch(/mitra_session=;/)
    expect(await signedIn(user)).toBe(true)
    expect(sessionsOf()).toBeGreaterThan(0)
  })

  it('GETs with the parameters of every action write nothing', async () => {
    const now = Date.now()
    server.db.prepare('INSERT INTO notifications (id, recipient_id, kind, title, created_at) VALUES (?, ?, ?, ?, ?)').run('notifgetprobe00000000000', userId, 'test', 'Probe', now)
    const orgId = (server.db.prepare("SELECT id FROM organisations WHERE name = 'PT Maju Jaya Solusi'").get() as { id: string }).id
    const before = server.dataVersion()
    const gets = [
      '/logout',
      '/locale?locale=en&redirectTo=/',
      '/notifications?intent=read-all',
      '/notifications?intent=read&id=notifgetprobe00000000000',
      '/profile?name=Forged&locale=en&timeZone=UTC&intent=password&current=x&password=yyyyyyyyyyyy&confirm=yyyyyyyyyyyy',
      `/organisations/${orgId}?intent=deactivate&userId=${userId}`,
      `/organisations/${orgId}?email=get.invite@majujaya.test&name=X&role=partner_user`,
    ]
    for (const path of gets) {
      const res = await server.request(path, { as: user })
      expect(res.status, path).toBeLessThan(500)
    }
    expect(server.dataVersion()).toBe(before)
    expect(server.db.prepare("SELECT read_at AS readAt FROM notifications WHERE id = 'notifgetprobe00000000000'").get()).toEqual({ readAt: null })
    expect(server.db.prepare('SELECT locale, status FROM users WHERE id = ?').get(userId)).toEqual({ locale: 'id', status: 'active' })
  })
})

function cspOf(res: HttpResult) {
  const header = res.headers.get('content-security-policy') ?? ''
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name, values]))
}

describe('security headers', () => {
  it('a fresh CSP nonce on every response, carried by every script tag and nothing looser', async () => {
    const first = await server.request('/login')
    const second = await server.request('/login')
    const nonces = [first, second].map((res) => {
      const scriptSrc = cspOf(res).get('script-src') ?? []
      const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(scriptSrc.find((v) => v.startsWith("'nonce-")) ?? '')?.[1]
      expect(nonce, 'script-src has a nonce').toBeTruthy()
      expect(nonce!.length).toBeGreaterThanOrEqual(22) // at least 128 bits
      expect(scriptSrc).not.toContain("'unsafe-inline'")
      expect(scriptSrc).not.toContain("'unsafe-eval'")
      const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
      return nonce
    })
    expect(nonces[0]).not.toBe(nonces[1])
  })

  it('the CSP forbids plugins, <base> rewriting and framing, also on signed-in pages and errors', async () => {
    for (const res of [await server.request('/login'), await server.request('/', { as: user }), await server.request('/no-such-page', { as: user })]) {
      const csp = cspOf(res)
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('base-uri')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('form-action')).toEqual(["'self'"])
    }
  })

  it('HSTS for a year, nosniff, a referrer policy and no X-Powered-By — on pages, redirects, errors, JSON and files', async () => {
    const responses = {
      page: await server.request('/login'),
      signedIn: await server.request('/profile', { as: user }),
      redirect: await server.request('/accounts'),
      notFound: await server.request('/no-such-page'),
      refused: await server.request('/profile', { as: user, form: {}, origin: 'https://evil.example' }),
      json: await server.request('/healthz'),
      file: await server.request('/favicon.svg'),
    }
    for (const [what, res] of Object.entries(responses)) {
      const hsts = res.headers.get('strict-transport-security') ?? ''
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), what).toBeGreaterThanOrEqual(31_536_000)
      expect(hsts, what).toContain('includeSubDomains')
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
      expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], what).toContain(res.headers.get('referrer-policy'))
      expect(res.headers.get('x-powered-by'), what).toBeNull()
    }
  })

  it('signed-in pages and their data are never cached; fingerprinted assets are', async () => {
    expect((await server.request('/profile', { as: user })).headers.get('cache-control')).toBe('no-store')
    expect((await server.request('/profile?_data=routes%2F_app.profile', { as: user })).headers.get('cache-control')).toBe('no-store')
    const page = await server.request('/login')
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(page.body)![1]
    expect((await server.request(asset)).headers.get('cache-control')).toMatch(/max-age=31536000/)
  })
})

/** One GET with the raw bytes as sent (fetch would decode them). */
function rawGet(pathname: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(pathname, server.origin), { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

describe('response encoding', () => {
  const decode = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync, none: (b: Buffer) => b }
  it.each([
    ['br', 'gzip, deflate, br', 'br'],
    ['gzip', 'gzip', 'gzip'],
    ['nothing', 'identity', 'none'],
    ['nothing', '', 'none'],
  ] as const)('compresses a page with %s when the client accepts "%s", with its exact length and Vary', async (_label, accept, expected) => {
    const res = await rawGet('/', { cookie: user.cookie, ...(accept ? { 'accept-encoding': accept } : {}) })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding'] ?? 'none').toBe(expected)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    const html = decode[expected](res.body).toString('utf8')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
    if (expected !== 'none') expect(res.body.length).toBeLessThan(html.length / 2)
  })

  it('leaves small answers and non-text files as they are', async () => {
    const health = await rawGet('/healthz', { 'accept-encoding': 'br' })
    expect(health.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ status: 'ok' })
  })
})

/** The attributes of the session cookie in a Set-Cookie list. */
function sessionCookieOf(res: HttpResult) {
  const raw = res.setCookies.find((c) => /^(__Host-)?mitra_session=/.test(c))
  expect(raw, 'a session cookie is set').toBeTruthy()
  const [pair, ...attrs] = raw!.split(';').map((s) => s.trim())
  const attributes = new Map(attrs.map((a) => [a.split('=')[0].toLowerCase(), a.includes('=') ? a.slice(a.indexOf('=') + 1) : true]))
  return { name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1), attributes }
}

describe('session cookie', () => {
  it('over plain http: mitra_session, HttpOnly, SameSite=Lax, Path=/, no Domain', async () => {
    const res = await server.request('/login', { form: { email: 'admin@majujaya.test', password: 'mitra-demo-2026' } })
    const cookie = sessionCookieOf(res)
    expect(cookie.name).toBe('mitra_session')
    expect(cookie.attributes.get('httponly')).toBe(true)
    expect(cookie.attributes.get('samesite')).toBe('Lax')
    expect(cookie.attributes.get('path')).toBe('/')
    expect(cookie.attributes.has('domain')).toBe(false)
  })

  it('over HTTPS behind the proxy: __Host-mitra_session with Secure and Path=/, and only that name is honoured', async () => {
    const https = { 'X-Forwarded-Proto': 'https' }
    const res = await server.request('/login', { form: { email: 'admin@majujaya.test', password: 'mitra-demo-2026' }, headers: https })
    const cookie = sessionCookieOf(res)
    expect(cookie.name).toBe('__Host-mitra_session')
    expect(cookie.attributes.get('secure')).toBe(true)
    expect(cookie.attributes.get('path')).toBe('/')
    expect(cookie.attributes.get('httponly')).toBe(true)
    expect(cookie.attributes.get('samesite')).toBe('Lax')
    expect(cookie.attributes.has('domain')).toBe(false)

    const secure: Session = { email: 'admin@majujaya.test', cookieName: cookie.name, token: cookie.value, cookie: `${cookie.name}=${cookie.value}` }
    expect(await signedIn(secure, https)).toBe(true)
    // the same token under the http name does not count over https (no downgrade through a planted cookie)
    const downgraded: Session = { ...secure, cookieName: 'mitra_session', cookie: `mitra_session=${cookie.value}` }
    expect(await signedIn(downgraded, https)).toBe(false)

    // signing out clears the same cookie, with the same attributes
    const out = await server.request('/logout', { as: secure, form: {}, headers: https })
    const cleared = sessionCookieOf(out)
    expect(cleared).toMatchObject({ name: '__Host-mitra_session', value: '' })
    expect(cleared.attributes.get('max-age')).toBe('0')
    expect(cleared.attributes.get('secure')).toBe(true)
  })
})
