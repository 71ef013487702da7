// SESSION_COOKIE_SECURE=always (a deployment whose TLS ends before the proxy headers can be
// trusted): the session cookie is __Host- and Secure even on a plain-http hop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from './support/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer('cookie-always', { SESSION_COOKIE_SECURE: 'always' })
})

afterAll(async () => {
  await server?.stop()
})

describe('SESSION_COOKIE_SECURE=always', () => {
  it('sets __Host-mitra_session with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const res = await server.request('/login', { form: { email: 'user@majujaya.test', password: 'mitra-demo-2026' } })
    expect(res.status).toBe(302)
    const cookie = res.setCookies.find((c) => c.includes('mitra_session='))!
    expect(cookie).toMatch(/^__Host-mitra_session=[a-z0-9]+\.[a-z0-9]+;/)
    const attributes = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase())
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']))
    expect(attributes.some((a) => a.startsWith('domain'))).toBe(false)

    const token = /^__Host-mitra_session=([^;]+)/.exec(cookie)![1]
    const withName = (name: string) => ({ email: 'user@majujaya.test', cookieName: name, token, cookie: `${name}=${token}` })
    expect((await server.request('/profile', { as: withName('__Host-mitra_session') })).status).toBe(200)
    // a plain-named cookie (one an attacker could plant over http) is not read
    const plain = await server.request('/profile', { as: withName('mitra_session') })
    expect(plain.status).toBe(302)
    expect(plain.location).toMatch(/^\/login/)
  })
})
