import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { emailOutbox, notifications, passwordResetTokens, sessions, users } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { ValidationFailed } from '../../utils/errors'
import { makeActor, makeOrg, makeUser, TEST_PASSWORD } from '../../../tests/factories'
import { acceptInvitation, changePassword, login, MAX_FAILURES_PER_ACCOUNT, requestPasswordReset, resetPassword } from './auth.server'
import { createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from './session.server'
import { inviteUser } from '../orgs/orgs.server'

let orgId: string
beforeEach(() => {
  orgId = makeOrg({ kind: 'partner' }).id
})

describe('login', () => {
  it('opens a session whose token is not stored in clear', async () => {
    const user = await makeUser({ orgId, role: 'partner_user', email: 'Budi@Example.test' })
    const result = await login({ email: 'BUDI@example.test', password: TEST_PASSWORD, ip: '1.1.1.1' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.userId).toBe(user.id)
    const [id, secret] = result.token.split('.')
    const row = db.select().from(sessions).where(eq(sessions.id, id)).get()!
    expect(row.secretHash).not.toContain(secret)
    expect(validateSessionToken(result.token)?.userId).toBe(user.id)
    expect(validateSessionToken(`${id}.wrongsecret`)).toBeNull()
  })

  it('gives the same answer for a wrong password and an unknown address', async () => {
    await makeUser({ orgId, role: 'partner_user', email: 'known@example.test' })
    const wrong = await login({ email: 'known@example.test', password: 'nope-nope-nope', ip: '1.1.1.2' })
    const unknown = await login({ email: 'unknown@example.test', password: 'nope-nope-nope', ip: '1.1.1.2' })
    expect(wrong).toEqual({ ok: false, reason: 'invalid' })
    expect(unknown).toEqual({ ok: false, reason: 'invalid' })
  })

  it('locks the account after repeated failures from unknown clients, even with the right password, and tells its owner', async () => {
    const owner = await makeUser({ orgId, role: 'partner_user', email: 'target@example.test' })
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login({ email: 'target@example.test', password: 'guess-guess-' + i, ip: `2.2.2.${i}` })
    const result = await login({ email: 'target@example.test', password: TEST_PASSWORD, ip: '3.3.3.3' })
    expect(result).toMatchObject({ ok: false, reason: 'locked' })
    expect(result.ok === false && result.reason === 'locked' && result.retryAfterSeconds).toBeGreaterThan(14 * 60)
    // the owner hears of it, in the app and by email
    expect(db.select().from(notifications).where(eq(notifications.recipientId, owner.id)).all().map((n) => n.kind)).toEqual(['account_locked'])
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.to, 'target@example.test')).all()).toHaveLength(1)
  })

  it('opens again after the lock, and locks twice as long the next time (exponential back-off)', async () => {
    await makeUser({ orgId, role: 'partner_user', email: 'backoff@example.test' })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const fail = async () => {
        for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login({ email: 'backoff@example.test', password: 'guess-guess-' + i, ip: `5.5.5.${i}` })
      }
      await fail()
      const first = await login({ email: 'backoff@example.test', password: TEST_PASSWORD, ip: '6.6.6.6' })
      vi.setSystemTime(Date.now() + 16 * 60_000)
      expect((await login({ email: 'backoff@example.test', password: TEST_PASSWORD, ip: '6.6.6.6' })).ok).toBe(true)
      await fail()
      const second = await login({ email: 'backoff@example.test', password: TEST_PASSWORD, ip: '6.6.6.6' })
      const wait = (r: typeof first) => (r.ok === false && r.reason === 'locked' ? r.retryAfterSeconds : 0)
      expect(wait(first)).toBeGreaterThan(14 * 60)
      expect(wait(second)).toBeGreaterThan(29 * 60)
      vi.setSystemTime(Date.now() + 16 * 60_000)
      expect(await login({ email: 'backoff@example.test', password: TEST_PASSWORD, ip: '6.6.6.6' })).toMatchObject({ ok: false, reason: 'locked' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('lets a browser that signed in as the user before through a lock aimed at unknown clients (device cookie)', async () => {
    await makeUser({ orgId, role: 'partner_user', email: 'owner@example.test' })
    await makeUser({ orgId, role: 'partner_user', email: 'other@example.test' })
    const earlier = await login({ email: 'owner@example.test', password: TEST_PASSWORD, ip: '7.7.7.7' })
    const otherEarlier = await login({ email: 'other@example.test', password: TEST_PASSWORD, ip: '7.7.7.7' })
    if (!earlier.ok || !otherEarlier.ok) throw new Error('sign-in failed')
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login({ email: 'owner@example.test', password: 'guess-guess-' + i, ip: '8.8.8.8' })
    // unknown clients are locked out, the owner's browser is not
    expect(await login({ email: 'owner@example.test', password: TEST_PASSWORD, ip: '7.7.7.7' })).toMatchObject({ ok: false, reason: 'locked' })
    expect((await login({ email: 'owner@example.test', password: TEST_PASSWORD, ip: '7.7.7.7', deviceCookie: earlier.deviceCookie })).ok).toBe(true)
    // another user's device cookie, or a tampered one, is no device cookie
    expect(await login({ email: 'owner@example.test', password: TEST_PASSWORD, ip: '7.7.7.7', deviceCookie: otherEarlier.deviceCookie })).toMatchObject({ ok: false, reason: 'locked' })
    const [who, nonce] = earlier.deviceCookie.split('.')
    expect(await login({ email: 'owner@example.test', password: TEST_PASSWORD, ip: '7.7.7.7', deviceCookie: `${who}.${nonce}.${'A'.repeat(43)}` })).toMatchObject({ ok: false, reason: 'locked' })
  })

  it('refuses deactivated users and users of an inactive organisation', async () => {
    await makeUser({ orgId, role: 'partner_user', email: 'off@example.test', status: 'deactivated' })
    expect((await login({ email: 'off@example.test', password: TEST_PASSWORD, ip: '4.4.4.4' })).ok).toBe(false)
    const closed = makeOrg({ kind: 'partner', status: 'inactive' })
    await makeUser({ orgId: closed.id, role: 'partner_user', email: 'closed@example.test' })
    expect((await login({ email: 'closed@example.test', password: TEST_PASSWORD, ip: '4.4.4.4' })).ok).toBe(false)
  })
})

describe('session lifetime', () => {
  it('ends a session idle for 7 days and any session older than 30 days', async () => {
    const user = await makeUser({ orgId, role: 'partner_user' })
    const start = Date.now()
    const idle = createSession(user.id, {}, db, start)
    expect(validateSessionToken(idle.token, start + SESSION_IDLE_MS - 1000)).not.toBeNull()
    expect(validateSessionToken(idle.token, start + SESSION_IDLE_MS - 1000 + SESSION_IDLE_MS)).toBeNull()

    const busy = createSession(user.id, {}, db, start)
    // used every day: never idle, but still ends at the absolute limit
    for (let day = 1; day < 30; day++) expect(validateSessionToken(busy.token, start + day * 86_400_000)).not.toBeNull()
    expect(validateSessionToken(busy.token, start + SESSION_ABSOLUTE_MS)).toBeNull()
  })

  it('ends every other session on password change, and checks the current password', async () => {
    const actor = await makeActor({ role: 'partner_user', orgId })
    const other = createSession(actor.userId)
    await expect(changePassword(actor, 'not-the-password', 'a-brand-new-password')).rejects.toBeInstanceOf(ValidationFailed)
    await changePassword(actor, TEST_PASSWORD, 'a-brand-new-password')
    expect(validateSessionToken(other.token)).toBeNull()
    expect(validateSessionToken(actor.token)).not.toBeNull()
    expect((await login({ email: actor.email, password: 'a-brand-new-password', ip: '5.5.5.5' })).ok).toBe(true)
  })
})

describe('password reset', () => {
  function lastResetLink(to: string) {
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).all().at(-1)!
    return mail.text.match(/\/reset-password\/([a-z0-9]+)/)![1]
  }

  it('emails a single-use link that sets the password and ends all sessions', async () => {
    const user = await makeUser({ orgId, role: 'partner_user', email: 'reset@example.test' })
    const session = createSession(user.id)
    await requestPasswordReset('RESET@example.test')
    const secret = lastResetLink('reset@example.test')
    expect(db.select().from(passwordResetTokens).all().some((r) => r.tokenHash === secret)).toBe(false)
    await resetPassword(secret, 'my-new-password-123')
    expect(validateSessionToken(session.token)).toBeNull()
    expect((await login({ email: 'reset@example.test', password: 'my-new-password-123', ip: '6.6.6.6' })).ok).toBe(true)
    await expect(resetPassword(secret, 'another-password-1')).rejects.toBeInstanceOf(ValidationFailed)
  })

  it('refuses a link older than 30 minutes', async () => {
    await makeUser({ orgId, role: 'partner_user', email: 'late@example.test' })
    const asked = Date.now()
    await requestPasswordReset('late@example.test', asked)
    const secret = lastResetLink('late@example.test')
    await expect(resetPassword(secret, 'my-new-password-123', asked + 31 * 60_000)).rejects.toBeInstanceOf(ValidationFailed)
  })

  it('sends nothing for an unknown address', async () => {
    const before = db.select().from(emailOutbox).all().length
    await requestPasswordReset('nobody@example.test')
    expect(db.select().from(emailOutbox).all().length).toBe(before)
  })
})

describe('invitations', () => {
  it('lets the invited person set a password and sign in; the link works once', async () => {
    const admin = await makeActor({ role: 'admin' })
    const { secret } = await inviteUser(admin, orgId, { email: 'new.partner@example.test', name: 'New Partner', role: 'partner_admin' })
    expect(db.select().from(users).where(eq(users.email, 'new.partner@example.test')).get()?.status).toBe('invited')
    const session = await acceptInvitation(secret, 'partner-password-1')
    expect(validateSessionToken(session.token)).not.toBeNull()
    expect((await login({ email: 'new.partner@example.test', password: 'partner-password-1', ip: '7.7.7.7' })).ok).toBe(true)
    await expect(acceptInvitation(secret, 'partner-password-2')).rejects.toThrow()
  })
})
