// What an operator meets on day one (issue 18), against the production server: one JSON log
// line per request and no stack trace for a scan's 404s, request ids in the response and in
// audit rows, secrets kept out of the log, /metrics for allowed networks only, /readyz, the
// abuse limits' 429 and the body cap on chunked uploads.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../app/locales/en'
import { id as indonesian } from '../../app/locales/id'
import { DEMO_PASSWORD, SESSION_SECRET, startServer, type TestServer } from './support/server'

const METRICS_TOKEN = 'metrics-token-for-the-security-suite'
let server: TestServer

beforeAll(async () => {
  server = await startServer('operations', { METRICS_TOKEN, LOG_LEVEL: 'info' })
})

afterAll(async () => {
  await server?.stop()
})

type LogLine = { level: string; msg: string; reqId?: string; status?: number; path?: string; route?: string; actorId?: string; orgId?: string; err?: { stack?: string } }
/** The log lines written so far, parsed: every line must be one JSON object. */
function logLines(): LogLine[] {
  return server
    .log()
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine
      } catch {
        throw new Error(`a log line that is not JSON: ${l}`)
      }
    })
}

/** Waits until the server has logged the request with this id (logging happens when the response ends). */
async function loggedLine(requestId: string): Promise<LogLine> {
  for (;;) {
    const line = logLines().find((l) => l.reqId === requestId && l.msg === 'request')
    if (line) return line
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('logs', () => {
  it('a scan-like burst of 404s and 405s writes one line per request and no stack trace', async () => {
    const before = server.log().length
    const paths = ['/wp-admin/setup-config.php', '/.env', '/.git/config', '/phpmyadmin/', '/admin.php', '/cgi-bin/test.cgi', '/api/v1/users', '/deals/999999999/nothing', '/xmlrpc.php', '/server-status']
    const ids: string[] = []
    for (let round = 0; round < 5; round++) {
      for (const p of paths) {
        const res = await server.request(`${p}?probe=${round}`)
        expect(res.status).toBe(404)
        ids.push(res.headers.get('x-request-id')!)
      }
      const res = await server.request('/healthz', { method: 'DELETE', origin: false })
      expect(res.status).toBe(405)
      ids.push(res.headers.get('x-request-id')!)
    }
    for (const id of ids) await loggedLine(id)
    const written = server.log().slice(before)
    // exactly one line per request, and every line written meanwhile is a plain request line
    const parsed = logLines()
    for (const id of ids) expect(parsed.filter((l) => l.reqId === id)).toHaveLength(1)
    const during = parsed.filter((l) => ids.includes(l.reqId ?? ''))
    for (const line of during) expect(line).toMatchObject({ msg: 'request', level: 'info' })
    expect(written).not.toMatch(/\n\s+at /)
    expect(written).not.toContain('stack')
    expect(written).not.toMatch(/"level":"(error|warn)"/)
  })

  it('tags the request line, the response and the audit row with one request id, and names the actor', async () => {
    const session = await server.signIn('admin@majujaya.test')
    const res = await server.request('/profile', { as: session, form: { name: 'Admin Maju Jaya (ops test)', locale: 'id', timeZone: 'Asia/Jakarta' } })
    expect(res.status).toBeLessThan(400)
    const requestId = res.headers.get('x-request-id')!
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    const user = server.db.prepare('SELECT u.id, m.org_id AS orgId FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = ?').get('admin@majujaya.test') as { id: string; orgId: string }
    const row = server.db.prepare("SELECT request_id AS requestId FROM audit_log WHERE action = 'profile_updated' AND actor_id = ? ORDER BY at DESC LIMIT 1").get(user.id) as { requestId: string }
    expect(row.requestId).toBe(requestId)
    expect(await loggedLine(requestId)).toMatchObject({ route: 'routes/_app.profile', actorId: user.id, orgId: user.orgId })
    // without a proxy in front, a client cannot choose its own id
    const chosen = await server.request('/healthz', { headers: { 'X-Request-Id': 'chosen-by-client' } })
    expect(chosen.headers.get('x-request-id')).not.toBe('chosen-by-client')
  })

  it('keeps passwords, cookies, tokens and reset links out of the log', async () => {
    const session = await server.signIn('user@majujaya.test')
    await server.request('/login', { form: { email: 'user@majujaya.test', password: 'a-password-that-must-not-leak' } })
    await server.request('/reset-password/reset-token-that-must-not-leak')
    await server.request('/invitations/invitation-token-that-must-not-leak')
    await server.request('/profile?token=query-token-that-must-not-leak', { as: session, headers: { Authorization: 'Bearer bearer-that-must-not-leak' } })
    const last = await server.request('/healthz')
    await loggedLine(last.headers.get('x-request-id')!)
    const log = server.log()
    for (const secret of ['a-password-that-must-not-leak', 'reset-token-that-must-not-leak', 'invitation-token-that-must-not-leak', 'query-token-that-must-not-leak', 'bearer-that-must-not-leak', session.token, DEMO_PASSWORD, SESSION_SECRET]) {
      expect(log).not.toContain(secret)
    }
    expect(log).toContain('/reset-password/[redacted]')
  })
})

describe('metrics and readiness', () => {
  it('/metrics answers loopback with the request, latency, 5xx, job, outbox and WAL series', async () => {
    const res = await server.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    for (const series of ['mitra_http_requests_total', 'mitra_http_request_duration_seconds_bucket', 'mitra_http_5xx_total', 'mitra_job_runs_total', 'mitra_job_failures_total', 'mitra_outbox_backlog', 'mitra_sqlite_wal_bytes']) {
      expect(res.body).toContain(`# TYPE ${series.replace(/_bucket$/, '')}`)
    }
    expect(res.body).toMatch(/mitra_http_requests_total\{method="GET",route="\(not found\)",status="404"\} \d+/)
    expect(res.body).toMatch(/mitra_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="routes\/healthz"\}/)
  })

  it('/readyz says the database is writable and the migrations are current, and 503 when one is pending', async () => {
    const res = await server.request('/readyz')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ status: 'ready', database: 'ok', migrations: 'ok' })
    // forget the newest applied migration: the server is no longer ready
    const newest = server.db.prepare('SELECT id, hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as { id: number | null; hash: string; createdAt: number }
    server.db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(newest.createdAt)
    try {
      const pending = await server.request('/readyz')
      expect(pending.status).toBe(503)
      expect(JSON.parse(pending.body).migrations).toMatch(/^pending/)
    } finally {
      server.db.prepare('INSERT INTO __drizzle_migrations (id, hash, created_at) VALUES (?, ?, ?)').run(newest.id, newest.hash, newest.createdAt)
    }
    expect((await server.request('/readyz')).status).toBe(200)
  })
})

describe('metrics refuse the public', () => {
  let behindProxy: TestServer
  beforeAll(async () => {
    // as deployed behind a reverse proxy: the proxy connects from loopback, the client is public
    behindProxy = await startServer('operations-proxy', { METRICS_TOKEN, TRUST_PROXY: 'true', METRICS_ALLOW: '10.0.0.0/8' })
  })
  afterAll(async () => {
    await behindProxy?.stop()
  })

  it('refuses a public client and a wrong token, answers the right token and an allowed network', async () => {
    const pub = { 'X-Forwarded-For': '203.0.113.7' }
    expect((await behindProxy.request('/metrics', { headers: pub })).status).toBe(403)
    expect((await behindProxy.request('/metrics', { headers: { ...pub, Authorization: 'Bearer not-the-token-not-the-token' } })).status).toBe(403)
    const withToken = await behindProxy.request('/metrics', { headers: { ...pub, Authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(withToken.status).toBe(200)
    expect(withToken.body).toContain('mitra_http_requests_total')
    expect((await behindProxy.request('/metrics', { headers: { 'X-Forwarded-For': '10.1.2.3' } })).status).toBe(200)
  })

  it('keeps the request id the proxy in front set', async () => {
    const res = await behindProxy.request('/healthz', { headers: { 'X-Request-Id': 'edge-1234abcd' } })
    expect(res.headers.get('x-request-id')).toBe('edge-1234abcd')
  })
})

describe('abuse limits', () => {
  it('the conflict oracle answers 429 with Retry-After once a partner has asked too often', async () => {
    const partner = await server.signIn('admin@majujaya.test')
    let refused: Awaited<ReturnType<TestServer['request']>> | undefined
    for (let i = 0; i < 80 && !refused; i++) {
      const res = await server.request(`/deals/conflicts?name=PT%20Probe%20${i}`, { as: partner })
      if (res.status === 429) refused = res
      else expect(res.status).toBe(200)
    }
    expect(refused).toBeDefined()
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(JSON.parse(refused!.body).message).toBe(indonesian['errors.tooManyRequests'].replace('{seconds}', refused!.headers.get('retry-after')!))
    // another partner's own counter is untouched
    const other = await server.signIn('admin@sinardigital.test')
    expect((await server.request('/deals/conflicts?name=PT%20Probe', { as: other })).status).toBe(200)
  })

  it('the forgot-password form answers 429 in the visitor\'s language', async () => {
    let refused: Awaited<ReturnType<TestServer['request']>> | undefined
    for (let i = 0; i < 20 && !refused; i++) {
      const res = await server.request('/forgot-password', { form: { email: `someone${i}@example.test` }, headers: { 'Accept-Language': 'en', Accept: 'text/html' } })
      if (res.status === 429) refused = res
    }
    expect(refused).toBeDefined()
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused!.body).toContain(en['errors.tooManyRequestsTitle'])
    const inIndonesian = await server.request('/forgot-password', { form: { email: 'someone@example.test' }, headers: { Cookie: 'mitra_lang=id' } })
    expect(inIndonesian.status).toBe(429)
    expect(inIndonesian.body).toContain(indonesian['errors.tooManyRequestsTitle'])
  })

  it('caps a chunked body by the bytes read (no Content-Length to trust)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(new URL('/login', server.origin), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      const chunk = Buffer.alloc(1024 * 1024, 'a')
      let sent = 0
      const pump = () => {
        while (sent < 40) {
          sent++
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    expect(status).toBe(413)
    // and the server still serves
    expect((await server.request('/healthz')).status).toBe(200)
  })
})
