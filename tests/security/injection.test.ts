// Injection over HTTP against the production server: stored and reflected XSS payloads come
// back escaped, SQL metacharacters in every search, filter and sort parameter are plain text,
// and redirect targets never leave the site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { id as indonesian } from '../../app/locales/id'
import { startServer, type HttpResult, type Session, type TestServer } from './support/server'

let server: TestServer
let sales: Session
let manager: Session
let partner: Session

beforeAll(async () => {
  server = await startServer('injection')
  sales = await server.signIn('sales@mitra.test')
  manager = await server.signIn('manager@mitra.test')
  partner = await server.signIn('user@majujaya.test')
})

afterAll(async () => {
  await server?.stop()
})

const XSS = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  svg: "'><svg/onload=alert(1)>",
  url: 'javascript:alert(1)',
}

/** What an attacker looks for in the HTML: markup of theirs that the browser would run. */
function assertInert(res: HttpResult, context: string) {
  expect(res.status, context).toBe(200)
  const body = res.body
  expect(body, context).not.toContain('<script>alert(1)')
  expect(body, context).not.toMatch(/<img src=x onerror/i)
  expect(body, context).not.toMatch(/<svg\/onload/i)
  expect(body, context).not.toMatch(/\b(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i)
  // every script element is one of ours: it carries the nonce
  for (const tag of body.match(/<script\b[^>]*>/gi) ?? []) expect(tag, context).toMatch(/nonce="/)
}

const idFrom = (res: HttpResult) => /\/([a-z0-9]{24})$/.exec(res.location ?? '')![1]

describe('stored XSS renders escaped', () => {
  it('in account names, contact names, activity subjects and bodies, and lead companies', async () => {
    const account = await server.request('/accounts/new', { as: sales, form: { name: `PT ${XSS.script} ${XSS.attribute}`, city: XSS.svg, industry: XSS.url } })
    expect(account.status).toBe(302)
    const accountId = idFrom(account)
    const contact = await server.request('/contacts/new', { as: sales, form: { accountId, firstName: XSS.attribute, lastName: XSS.script, title: XSS.svg } })
    expect(contact.status).toBe(302)
    const contactId = (server.db.prepare('SELECT id FROM contacts WHERE account_id = ?').get(accountId) as { id: string }).id
    const activity = await server.request(`/accounts/${accountId}?index`, { as: sales, form: { kind: 'note', subject: XSS.script, body: `${XSS.attribute}\n${XSS.svg}\n${XSS.url}` } })
    expect(activity.status).toBe(302)
    const lead = await server.request('/leads/new', { as: sales, form: { company: XSS.script, contactName: XSS.attribute, source: 'web', status: 'new', score: '90' } })
    expect(lead.status).toBe(302)

    // stored as typed: escaping is the renderer's job, and it is not skipped anywhere
    expect(server.db.prepare('SELECT subject FROM activities WHERE account_id = ? AND subject = ?').get(accountId, XSS.script)).toBeTruthy()
    const account360 = await server.request(`/accounts/${accountId}`, { as: manager })
    assertInert(account360, 'account 360')
    expect(account360.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    for (const path of [`/accounts/${accountId}/edit`, `/contacts/${contactId}`, `/leads/${idFrom(lead)}`, '/accounts?q=alert', '/contacts?q=img', '/leads?q=script', '/leads?band=hot&sort=createdAt&dir=desc']) {
      assertInert(await server.request(path, { as: sales }), path)
    }
  })

  it('a javascript: address is refused as a website', async () => {
    for (const website of ['javascript:alert(1)', 'javascript://evil.example/%0Aalert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const res = await server.request('/accounts/new', { as: sales, form: { name: 'PT Website Test', website } })
      expect(res.status, website).toBe(400)
    }
    expect(server.db.prepare("SELECT count(*) AS n FROM accounts WHERE name = 'PT Website Test'").get()).toEqual({ n: 0 })
  })
})

describe('reflected XSS renders escaped', () => {
  it.each([
    ['/accounts?q=', 'manager'],
    ['/contacts?q=', 'manager'],
    ['/leads?q=', 'manager'],
    ['/opportunities?q=', 'manager'],
    ['/organisations?q=', 'manager'],
    ['/accounts?sort=name&dir=asc&region=', 'manager'],
    ['/login?redirectTo=', null],
    ['/reset-password/', null],
    ['/invitations/', null],
    ['/no-such-page/', 'partner'],
  ] as const)('%s<payload>', async (prefix, who) => {
    const session = who === 'manager' ? manager : who === 'partner' ? partner : null
    for (const payload of Object.values(XSS)) {
      const res = await server.request(prefix + encodeURIComponent(payload), { as: session })
      // the page not found is the one page meant to answer 404
      assertInert(prefix === '/no-such-page/' && res.status === 404 ? { ...res, status: 200 } : res, prefix + payload)
    }
  })
})

describe('SQL metacharacters are plain text', () => {
  const PAYLOADS = ["'", '"', '%', '_', '--', "'; DROP TABLE accounts; --", "' OR '1'='1", '1 OR 1=1', '\\', '%%', "') UNION SELECT password_hash FROM users --", '\u0000']
  // list page, the route whose loader runs the query, and every parameter it reads
  const LISTS: [string, string, string[]][] = [
    ['/accounts', 'routes/_app.accounts._index', ['q', 'region', 'industry', 'sort', 'dir', 'page']],
    ['/contacts', 'routes/_app.contacts._index', ['q', 'sort', 'dir', 'page']],
    ['/leads', 'routes/_app.leads._index', ['q', 'status', 'band', 'sort', 'dir', 'page']],
    ['/opportunities', 'routes/_app.opportunities._index', ['q', 'pipelineId', 'source', 'sort', 'dir', 'page']],
    ['/organisations', 'routes/_app.organisations._index', ['q', 'kind', 'page']],
    ['/notifications', 'routes/_app.notifications', ['page']],
  ]

  function fingerprint() {
    const tables = (server.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
    return Object.fromEntries(tables.map((t) => [t, (server.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]))
  }

  it('in every search, filter, sort and page parameter: 200 or 400, never 500, and nothing changes', async () => {
    const before = fingerprint()
    const version = server.dataVersion()
    const failures: string[] = []
    for (const [list, routeId, params] of LISTS) {
      // the loader's data alone (?_data): the query is the same as for the page, without rendering it
      expect((await server.request(`${list}?_data=${encodeURIComponent(routeId)}`, { as: manager })).status, `${routeId} answers ?_data`).toBe(200)
      for (const param of params) {
        for (const payload of [...PAYLOADS, 'password_hash', '(SELECT 1)', 'name; DELETE FROM accounts', '-1', '1e9', 'NaN']) {
          const path = `${list}?${new URLSearchParams({ [param]: payload, _data: routeId })}`
          const res = await server.request(path, { as: manager })
          if (res.status !== 200 && res.status !== 400) failures.push(`${path} → ${res.status}`)
          if (/SQLITE_|SqliteError|syntax error/i.test(res.body)) failures.push(`${path} shows a database error`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(fingerprint()).toEqual(before)
    expect(server.dataVersion()).toBe(version)
  })

  it('LIKE wildcards match themselves, not everything', async () => {
    for (const list of ['/accounts', '/contacts', '/leads', '/opportunities', '/organisations']) {
      for (const wildcard of ['%', '_', '%%']) {
        const res = await server.request(`${list}?q=${encodeURIComponent(wildcard)}`, { as: manager })
        expect(res.status).toBe(200)
        expect(res.body, `${list}?q=${wildcard}`).toContain(indonesian['list.noMatches'])
      }
    }
    // while an ordinary search does find rows (so "no matches" above is the escaping at work)
    const name = (server.db.prepare('SELECT name FROM accounts ORDER BY name LIMIT 1').get() as { name: string }).name
    const found = await server.request(`/accounts?q=${encodeURIComponent(name)}`, { as: manager })
    expect(found.body).not.toContain(indonesian['list.noMatches'])
    expect(found.body).toContain(name)
  })
})

describe('redirect targets stay on the site', () => {
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', 'javascript:alert(1)', 'http:evil.example'])(
    'after sign-in, redirectTo=%j goes home',
    async (target) => {
      const res = await server.request('/login', { form: { email: 'admin@majujaya.test', password: 'mitra-demo-2026', redirectTo: target } })
      expect(res.status).toBe(302)
      expect(res.location).toBe('/')
      expect(new URL(res.location!, server.origin).origin).toBe(server.origin)
    },
  )

  it('a same-site path is kept', async () => {
    const res = await server.request('/login', { form: { email: 'admin@majujaya.test', password: 'mitra-demo-2026', redirectTo: '/profile?tab=security' } })
    expect(res.location).toBe('/profile?tab=security')
  })

  it('the language switch and a notification link do not redirect off-site either', async () => {
    const locale = await server.request('/locale', { form: { locale: 'id', redirectTo: '/\t/evil.example' } })
    expect(locale.location).toBe('/')
    const userId = (server.db.prepare("SELECT id FROM users WHERE email = 'user@majujaya.test'").get() as { id: string }).id
    server.db.prepare('INSERT INTO notifications (id, recipient_id, kind, title, created_at) VALUES (?, ?, ?, ?, ?)').run('notifredirectprobe000000', userId, 'test', 'Probe', Date.now())
    const read = await server.request('/notifications', { as: partner, form: { intent: 'read', id: 'notifredirectprobe000000', link: '//evil.example/phish' } })
    expect(read.status).toBe(302)
    expect(read.location).toBe('/notifications')
  })
})
