// Sign-in throttling against the production server (issue 18): credential stuffing from one IP
// with fresh clients must not lock out the people who signed in from their browsers before,
// while the attacker stays throttled (OWASP device cookies, app/modules/auth/login-limits.server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { id as indonesian } from '../../app/locales/id'
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer('login-throttle')
})

afterAll(async () => {
  await server?.stop()
})

/** A browser: keeps the cookies the server sets (only the device cookie matters here). */
function browser() {
  const jar = new Map<string, string>()
  return {
    jar,
    async signIn(email: string, password: string) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      const res = await server.request('/login', { form: { email, password }, headers: cookie ? { Cookie: cookie } : {} })
      for (const c of res.setCookies) {
        const m = /^([^=]+)=([^;]*)/.exec(c)
        if (m && m[1] === 'mitra_device') jar.set(m[1], m[2])
      }
      return res
    },
  }
}

describe('credential stuffing from one IP', () => {
  it('an attacker hammering one account does not lock its owner out of their browser, and the owner is told', async () => {
    const owner = browser()
    expect((await owner.signIn('admin@sinardigital.test', DEMO_PASSWORD)).status).toBe(302)
    const notificationsBefore = (server.db.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'account_locked'").get() as { n: number }).n
    // wrong passwords from fresh clients until the account locks for unknown clients
    for (let i = 0; i < 5; i++) await server.request('/login', { form: { email: 'admin@sinardigital.test', password: `guess-${i}-guess` } })
    expect((await server.request('/login', { form: { email: 'admin@sinardigital.test', password: DEMO_PASSWORD } })).status).toBe(429)
    expect((await owner.signIn('admin@sinardigital.test', DEMO_PASSWORD)).status).toBe(302)
    expect((server.db.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'account_locked'").get() as { n: number }).n).toBe(notificationsBefore + 1)
  })

  it('a device cookie is bound to its user and to our signature', async () => {
    const office = browser()
    expect((await office.signIn('admin@majujaya.test', DEMO_PASSWORD)).status).toBe(302)
    // lock sales@mitra.test for unknown clients
    for (let i = 0; i < 5; i++) await server.request('/login', { form: { email: 'sales@mitra.test', password: `guess-${i}-guess` } })
    // someone else's device cookie, or a forged one, does not get through that lock
    const stolen = office.jar.get('mitra_device')!
    const res = await server.request('/login', { form: { email: 'sales@mitra.test', password: DEMO_PASSWORD }, headers: { Cookie: `mitra_device=${stolen}` } })
    expect(res.status).toBe(429)
    const forged = `${Buffer.from('sales@mitra.test').toString('base64url')}.${stolen.split('.')[1]}.${stolen.split('.')[2]}`
    expect((await server.request('/login', { form: { email: 'sales@mitra.test', password: DEMO_PASSWORD }, headers: { Cookie: `mitra_device=${forged}` } })).status).toBe(429)
  })

  it('throttles the attacker but not a user who signed in on that browser before', async () => {
    // everybody here shares 127.0.0.1, like an office behind one NAT
    const office = browser()
    const before = await office.signIn('user@majujaya.test', DEMO_PASSWORD)
    expect(before.status).toBe(302)
    expect(office.jar.has('mitra_device')).toBe(true)

    // the attacker: many addresses, a fresh client (no cookies) for every attempt, until refused
    let refusedAt = -1
    for (let i = 0; i < 60; i++) {
      const res = await server.request('/login', { form: { email: `victim${i}@example.test`, password: `Winter2026!${i}` } })
      if (res.status === 429) {
        refusedAt = i
        break
      }
      expect(res.status).toBe(401)
    }
    expect(refusedAt).toBeGreaterThan(0)

    // the attacker stays throttled: more guesses, and even a right password from a fresh client
    const guess = await server.request('/login', { form: { email: 'admin@mitra.test', password: 'guess-guess-guess' } })
    expect(guess.status).toBe(429)
    expect(Number(guess.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(guess.body).toContain(indonesian['auth.locked'])
    const fresh = await server.request('/login', { form: { email: 'admin@majujaya.test', password: DEMO_PASSWORD } })
    expect(fresh.status).toBe(429)
    expect(fresh.setCookies.some((c) => /mitra_session=[^;]/.test(c))).toBe(false)

    // the user on the browser they used before signs in as usual, from the same IP
    const again = await office.signIn('user@majujaya.test', DEMO_PASSWORD)
    expect(again.status).toBe(302)
    expect(again.setCookies.some((c) => /^mitra_session=[^;]+/.test(c))).toBe(true)
  })
})
