import { and, count, eq, gt, isNull } from 'drizzle-orm'
import { loginAttempts, passwordResetTokens } from '../../../db/schema/auth'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId, newSecret } from '../../utils/ids'
import type { Actor } from './actor'
import { queueEmail } from '../notify/notify.server'
import { activateInvitedUser, credentialsOf, findOpenInvitation as openInvitation, passwordHashOf, setPasswordHash } from '../orgs/orgs.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { createSession, hashSecret, invalidateUserSessions } from './session.server'

export const LOGIN_WINDOW_MS = 15 * 60_000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 30
export const RESET_TOKEN_TTL_MS = 30 * 60_000

export type LoginResult = { ok: true; token: string; userId: string } | { ok: false; reason: 'invalid' | 'locked' }

function recentFailures(column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string, now: number) {
  return (
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, now - LOGIN_WINDOW_MS)))
      .get()?.n ?? 0
  )
}

/**
 * Checks a password and opens a new session (a fresh id each time, so a planted cookie
 * cannot be fixed). Too many failures for the address or the IP lock sign-in for the
 * window; the answer is the same whether or not the address exists.
 */
export async function login(input: { email: string; password: string; ip: string; userAgent?: string }, now = Date.now()): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  if (recentFailures(loginAttempts.email, email, now) >= MAX_FAILURES_PER_ACCOUNT || recentFailures(loginAttempts.ip, input.ip, now) >= MAX_FAILURES_PER_IP) {
    await verifyAgainstDummy(input.password)
    return { ok: false, reason: 'locked' }
  }
  const user = credentialsOf(email)
  let ok = false
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password)
  else await verifyAgainstDummy(input.password)
  if (ok && user && !user.canSignIn) ok = false
  db.insert(loginAttempts).values({ id: newId(), email, ip: input.ip, success: ok, at: now }).run()
  if (!ok || !user) return { ok: false, reason: 'invalid' }
  const session = createSession(user.userId, { ip: input.ip, userAgent: input.userAgent }, db, now)
  return { ok: true, token: session.token, userId: user.userId }
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

export { readSessionToken, sessionCookie, clearSessionCookie, invalidateSession, purgeExpiredSessions } from './session.server'
