import { and, eq, isNull } from 'drizzle-orm'
import { loginAttempts, passwordResetTokens } from '../../../db/schema/auth'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId, newSecret } from '../../utils/ids'
import type { Actor } from './actor'
import { notify, queueEmail } from '../notify/notify.server'
import { activateInvitedUser, credentialsOf, findOpenInvitation as openInvitation, passwordHashOf, setPasswordHash } from '../orgs/orgs.server'
import { deviceFor, loginWait, newDeviceCookieValue, recordLoginFailure, recordLoginSuccess } from './login-limits.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { createSession, hashSecret, invalidateUserSessions } from './session.server'

export { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from './login-limits.server'
export const RESET_TOKEN_TTL_MS = 30 * 60_000

export type LoginResult =
  | { ok: true; token: string; userId: string; deviceCookie: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }

/**
 * Checks a password and opens a new session (a fresh id each time, so a planted cookie
 * cannot be fixed). Throttling follows the device-cookie pattern (login-limits.server.ts):
 * a browser that signed in as this user before is judged on its own failures only; unknown
 * clients meet the per-account back-off and the per-IP limit. The answer is the same whether
 * or not the address exists. A success hands back a new device cookie for the browser.
 */
export async function login(
  input: { email: string; password: string; ip: string; userAgent?: string; deviceCookie?: string | null },
  now = Date.now(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  const deviceId = deviceFor(input.deviceCookie, email)
  const { trusted, waitSeconds } = await loginWait(email, input.ip, deviceId)
  if (waitSeconds > 0) {
    await verifyAgainstDummy(input.password)
    return { ok: false, reason: 'locked', retryAfterSeconds: waitSeconds }
  }
  const user = credentialsOf(email)
  let ok = false
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password)
  else await verifyAgainstDummy(input.password)
  if (ok && user && !user.canSignIn) ok = false
  db.insert(loginAttempts).values({ id: newId(), email, ip: input.ip, success: ok, at: now }).run()
  if (!ok || !user) {
    const lockedSeconds = await recordLoginFailure(email, input.ip, deviceId, trusted)
    if (lockedSeconds && user?.canSignIn) await notifyLocked(user.userId, lockedSeconds, now)
    return { ok: false, reason: 'invalid' }
  }
  await recordLoginSuccess(deviceId)
  const session = createSession(user.userId, { ip: input.ip, userAgent: input.userAgent }, db, now)
  return { ok: true, token: session.token, userId: user.userId, deviceCookie: newDeviceCookieValue(email) }
}

/** Tells the owner that sign-in to their account is paused (in-app and by email), with the way out. */
async function notifyLocked(userId: string, seconds: number, now: number) {
  await mutate(
    { userId, orgId: null },
    (ctx) => {
      notify(ctx, userId, 'account_locked', { minutes: Math.ceil(seconds / 60) }, '/forgot-password')
      ctx.audit('user', userId, 'sign_in_locked', null, { seconds })
    },
    { now },
  )
}

/** Always succeeds from the caller's point of view, so the form cannot be used to find accounts. */
export async function requestPasswordReset(emailInput: string, now = Date.now()) {
  const user = credentialsOf(emailInput)
  if (!user || !user.canSignIn) return
  const secret = newSecret()
  await mutate(
    { userId: user.userId, orgId: null },
    (ctx) => {
      ctx.tx.insert(passwordResetTokens).values({ id: newId(), tokenHash: hashSecret(secret), userId: user.userId, expiresAt: now + RESET_TOKEN_TTL_MS, createdAt: now }).run()
      queueEmail(ctx, user.email, 'password_reset', user.locale, { name: user.name, link: `${getEnv().APP_URL}/reset-password/${secret}`, minutes: 30 })
      ctx.audit('user', user.userId, 'password_reset_requested')
    },
    { now },
  )
}

function findUsableResetToken(secret: string, now: number) {
  const row = db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashSecret(secret))).get()
  if (!row || row.usedAt || row.expiresAt <= now) return null
  return row
}

export async function isResetTokenUsable(secret: string, now = Date.now()): Promise<boolean> {
  return findUsableResetToken(secret, now) !== null
}

/** Sets a new password from an emailed link: single use, 30 minutes, ends every session. */
export async function resetPassword(secret: string, password: string, now = Date.now()) {
  const row = findUsableResetToken(secret, now)
  if (!row) throw new ValidationFailed('token', 'errors.resetLinkInvalid')
  const hash = await hashPassword(password)
  await mutate(
    { userId: row.userId, orgId: null },
    (ctx) => {
      const used = ctx.tx
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
        .run().changes
      if (!used) throw new ValidationFailed('token', 'errors.resetLinkInvalid')
      setPasswordHash(ctx, row.userId, hash)
      invalidateUserSessions(row.userId, undefined, ctx.tx)
      ctx.audit('user', row.userId, 'password_reset')
    },
    { now },
  )
}

/** Password change from the profile page: checks the current one, ends every other session. */
export async function changePassword(actor: Actor, current: string, next: string) {
  const stored = passwordHashOf(actor.userId)
  if (!stored || !(await verifyPassword(stored, current))) throw new ValidationFailed('current', 'errors.currentPasswordWrong')
  const hash = await hashPassword(next)
  await mutate(actor, (ctx) => {
    setPasswordHash(ctx, actor.userId, hash)
    invalidateUserSessions(actor.userId, actor.sessionId, ctx.tx)
    ctx.audit('user', actor.userId, 'password_changed')
  })
}

/** Ends every session of a user inside the caller's transaction (deactivation). */
export function endSessionsOf(ctx: Ctx, userId: string) {
  invalidateUserSessions(userId, undefined, ctx.tx)
}

// ---- invitations ------------------------------------------------------------------------
export async function findOpenInvitation(secret: string, now = Date.now()) {
  return openInvitation(secret, now)
}

/** The invited person sets a password; the invited user becomes active and signed in. */
export async function acceptInvitation(secret: string, password: string, meta: { ip?: string; userAgent?: string } = {}, now = Date.now()) {
  if (!(await openInvitation(secret, now))) throw new NotFound()
  const hash = await hashPassword(password)
  return mutate(
    null,
    (ctx) => {
      const { userId } = activateInvitedUser(ctx, secret, hash)
      return createSession(userId, meta, ctx.tx, now)
    },
    { now },
  )
}

export { cookieIsSecure, readSessionToken, sessionCookie, clearSessionCookie, invalidateSession, purgeExpiredSessions } from './session.server'
export { deviceCookieHeader, readDeviceCookie } from './login-limits.server'
