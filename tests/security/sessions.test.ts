// Sessions over HTTP against the production server (ASVS V7): a new id at sign-in, revocation
// that holds server-side, idle and absolute expiry, single-use expiring reset links, lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { id as indonesian } from '../../app/locales/id'
import { DEMO_PASSWORD, startServer, type Session, type TestServer } from './support/server'

const DAY = 24 * 60 * 60 * 1000
let server: TestServer

beforeAll(async () => {
  server = await startServer('sessions')
})

afterAll(async () => {
  await server?.stop()
})

const sessionId = (s: Session) => s.token.split('.')[0]
const sessionRow = (s: Session) => server.db.prepare('SELECT id, user_id AS userId, last_seen_at AS lastSeenAt FROM sessions WHERE id = ?').get(sessionId(s)) as { id: string; userId: string; lastSeenAt: number } | undefined
const userIdOf = (email: string) => (server.db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string }).id
/** Whose session this is, as the server sees it: the email on the profile page, or null when signed out. */
async function whoIs(session: Session): Promise<string | null> {
  const res = await server.request('/profile', { as: session })
  if (res.status === 302 && res.location?.startsWith('/login')) return null
  expect(res.status).toBe(200)
  return /value="([^"]+@[^"]+)"/.exec(res.body)?.[1] ?? /([a-z.]+@[a-z.]+\.test)/.exec(res.body)?.[1] ?? 'unknown'
}
const asSession = (email: string, cookie: string): Session => ({ email, cookieName: 'mitra_session', token: cookie.split('=')[1], cookie })

describe('session ids', () => {
  it('sign-in issues a new session, never the one the browser arrived with (fixation)', async () => {
    // the attacker's own valid session, planted in the victim's browser
    const attacker = await server.signIn('user@majujaya.test')
    const res = await server.request('/login', { as: attacker, form: { email: 'admin@majujaya.test', password: DEMO_PASSWORD } })
    expect(res.status).toBe(302)
    const issued = /^mitra_session=([^;]+)/.exec(res.setCookies.find((c) => c.startsWith('mitra_session=')) ?? '')?.[1]
    expect(issued).toBeTruthy()
    expect(issued).not.toBe(attacker.token)
    expect(issued!.split('.')[0]).not.toBe(sessionId(attacker))
    // the planted cookie still belongs to the attacker, not to the victim who signed in over it
    expect(await whoIs(attacker)).toBe('user@majujaya.test')
    expect(await whoIs(asSession('admin@majujaya.test', `mitra_session=${issued}`))).toBe('admin@majujaya.test')

    // a made-up cookie is not adopted either
    const planted = 'plantedsessionid0000000.plantedsecret00000000000000000000'
    const again = await server.request('/login', { headers: { Cookie: `mitra_session=${planted}` }, form: { email: 'admin@majujaya.test', password: DEMO_PASSWORD } })
    expect(again.setCookies.join()).not.toContain(planted)
    expect(server.db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get('plantedsessionid0000000')).toEqual({ n: 0 })
  })

  it('a session id with a wrong secret is no session', async () => {
    const real = await server.signIn('user@majujaya.test')
    const forged = asSession('user@majujaya.test', `mitra_session=${sessionId(real)}.${'a'.repeat(32)}`)
    expect(await whoIs(forged)).toBeNull()
    expect(await whoIs(real)).toBe('user@majujaya.test')
  })
})

describe('revocation', () => {
  it('logout deletes the session server-side: the old cookie no longer works', async () => {
    const s = await server.signIn('sales@mitra.test')
    expect(await whoIs(s)).toBe('sales@mitra.test')
    const res = await server.request('/logout', { as: s, form: {} })
    expect(res.status).toBe(302)
    expect(res.setCookies.join()).toMatch(/mitra_session=;.*Max-Age=0/)
    expect(sessionRow(s)).toBeUndefined()
    // a copy of the cookie kept by an attacker is dead too
    expect(await whoIs(s)).toBeNull()
  })

  it('a password change ends every other session of the user, and keeps the current one', async () => {
    const here = await server.signIn('procurement@mitra.test')
    const elsewhere = await server.signIn('procurement@mitra.test')
    const wrong = await server.request('/profile', { as: here, form: { intent: 'password', current: 'not-my-password', password: 'a-new-password-123', confirm: 'a-new-password-123' } })
    expect(wrong.status).toBe(400)
    expect(await whoIs(elsewhere)).toBe('procurement@mitra.test') // a failed attempt ends nothing

    const res = await server.request('/profile', { as: here, form: { intent: 'password', current: DEMO_PASSWORD, password: 'a-new-password-123', confirm: 'a-new-password-123' } })
    expect(res.status).toBe(302)
    expect(await whoIs(elsewhere)).toBeNull()
    expect(await whoIs(here)).toBe('procurement@mitra.test')
    await expect(server.signIn('procurement@mitra.test')).rejects.toThrow(/401/)
    await server.signIn('procurement@mitra.test', 'a-new-password-123')
  })

  it('deactivating a user ends their sessions at once', async () => {
    const victim = await server.signIn('user@majujaya.test')
    const admin = await server.signIn('admin@majujaya.test')
    const orgId = (server.db.prepare("SELECT id FROM organisations WHERE name = 'PT Maju Jaya Solusi'").get() as { id: string }).id
    const res = await server.request(`/organisations/${orgId}?index`, { as: admin, form: { intent: 'deactivate', userId: userIdOf('user@majujaya.test') } })
    expect(res.status).toBe(302)
    expect(await whoIs(victim)).toBeNull()
    await expect(server.signIn('user@majujaya.test')).rejects.toThrow()
    // put things back for the other tests
    expect((await server.request(`/organisations/${orgId}?index`, { as: admin, form: { intent: 'reactivate', userId: userIdOf('user@majujaya.test') } })).status).toBe(302)
  })
})

describe('expiry (idle 7 days, absolute 30 days)', () => {
  const setTimes = (s: Session, times: { createdAt?: number; lastSeenAt?: number }) => {
    if (times.createdAt !== undefined) server.db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(times.createdAt, sessionId(s))
    if (times.lastSeenAt !== undefined) server.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(times.lastSeenAt, sessionId(s))
  }

  it('ends a session idle for more than 7 days, and keeps (and refreshes) one idle for 6', async () => {
    const idle = await server.signIn('manager@mitra.test')
    const recent = await server.signIn('manager@mitra.test')
    const now = Date.now()
    setTimes(idle, { lastSeenAt: now - 7 * DAY - 60_000 })
    setTimes(recent, { lastSeenAt: now - 6 * DAY })
    expect(await whoIs(idle)).toBeNull()
    expect(sessionRow(idle)).toBeUndefined() // deleted on sight
    expect(await whoIs(recent)).toBe('manager@mitra.test')
    expect(sessionRow(recent)!.lastSeenAt).toBeGreaterThan(now - 60_000)
  })

  it('ends any session older than 30 days, however busy', async () => {
    const old = await server.signIn('manager@mitra.test')
    const younger = await server.signIn('manager@mitra.test')
    const now = Date.now()
    setTimes(old, { createdAt: now - 30 * DAY - 60_000, lastSeenAt: now })
    setTimes(younger, { createdAt: now - 29 * DAY, lastSeenAt: now })
    expect(await whoIs(old)).toBeNull()
    expect(sessionRow(old)).toBeUndefined()
    expect(await whoIs(younger)).toBe('manager@mitra.test')
  })
})

describe('password reset links', () => {
  const email = 'admin@sinardigital.test'
  async function requestLink(): Promise<string> {
    const before = (server.db.prepare('SELECT count(*) AS n FROM email_outbox WHERE "to" = ?').get(email) as { n: number }).n
    const res = await server.request('/forgot-password', { form: { email } })
    expect(res.status).toBe(200)
    const mails = server.db.prepare('SELECT text FROM email_outbox WHERE "to" = ? ORDER BY created_at').all(email) as { text: string }[]
    expect(mails.length).toBe(before + 1)
    return /\/reset-password\/([a-z0-9]+)/.exec(mails.at(-1)!.text)![1]
  }
  const reset = (secret: string, password: string) => server.request(`/reset-password/${secret}`, { form: { password, confirm: password } })

  it('work once, end every session, and refuse a second use', async () => {
    const session = await server.signIn(email)
    const secret = await requestLink()
    expect((server.db.prepare('SELECT count(*) AS n FROM password_reset_tokens WHERE token_hash = ?').get(secret) as { n: number }).n).toBe(0) // stored hashed
    const first = await reset(secret, 'reset-password-one')
    expect(first.status).toBe(302)
    expect(first.location).toBe('/login')
    expect(await whoIs(session)).toBeNull()

    const second = await reset(secret, 'reset-password-two')
    expect(second.status).toBe(400)
    await server.signIn(email, 'reset-password-one')
    await expect(server.signIn(email, 'reset-password-two')).rejects.toThrow(/401/)
  })

  it('expire after 30 minutes', async () => {
    const secret = await requestLink()
    server.db.prepare('UPDATE password_reset_tokens SET expires_at = ? WHERE used_at IS NULL').run(Date.now() - 1)
    const page = await server.request(`/reset-password/${secret}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(indonesian['errors.resetLinkInvalid'])
    expect((await reset(secret, 'reset-password-late')).status).toBe(400)
    await expect(server.signIn(email, 'reset-password-late')).rejects.toThrow(/401/)
  })

  it('are not sent for unknown addresses, with the same answer', async () => {
    const before = (server.db.prepare('SELECT count(*) AS n FROM email_outbox').get() as { n: number }).n
    const res = await server.request('/forgot-password', { form: { email: 'nobody@nowhere.test' } })
    expect(res.status).toBe(200)
    expect((server.db.prepare('SELECT count(*) AS n FROM email_outbox').get() as { n: number }).n).toBe(before)
  })
})

describe('lockout', () => {
  /** The visible error of the sign-in form. */
  const formError = (body: string) => [indonesian['auth.locked'], indonesian['auth.invalidCredentials']].find((m) => body.includes(m))

  it('refuses the 6th attempt even with the right password, with the same answer as for an unknown address', async () => {
    const answers: Record<string, { status: number; message?: string; cookie: boolean }> = {}
    for (const email of ['admin@sumbermakmur.test', 'ghost@nowhere.test']) {
      for (let i = 0; i < 5; i++) {
        const res = await server.request('/login', { form: { email, password: `wrong-password-${i}` } })
        expect(res.status).toBe(401)
        expect(formError(res.body)).toBe(indonesian['auth.invalidCredentials'])
      }
      const sixth = await server.request('/login', { form: { email, password: DEMO_PASSWORD } })
      answers[email] = { status: sixth.status, message: formError(sixth.body), cookie: sixth.setCookies.some((c) => c.includes('mitra_session=') && !c.includes('mitra_session=;')) }
    }
    expect(answers['admin@sumbermakmur.test']).toEqual({ status: 429, message: indonesian['auth.locked'], cookie: false })
    expect(answers['ghost@nowhere.test']).toEqual(answers['admin@sumbermakmur.test'])
    // and it holds: the right password keeps failing during the window
    expect((await server.request('/login', { form: { email: 'admin@sumbermakmur.test', password: DEMO_PASSWORD } })).status).toBe(429)
  })
})
