import { and, eq, isNull } from 'drizzle-orm'
import { invitations, loginAttempts, memberships, organisations, passwordResetTokens, users } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId, newSecret } from '../../utils/ids'
import type { Actor } from './actor'
import { audit } from '../audit/audit.server'
import { kickEmailDelivery, notify, queueEmail } from '../notify/notify.server'
import { deviceFor, loginWait, newDeviceCookieValue, recordLoginFailure, recordLoginSuccess } from './login-limits.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { createSession, hashSecret, invalidateUserSessions } from './session.server'

export { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from './login-limits.server'
export const RESET_TOKEN_TTL_MS = 30 * 60_000
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000

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
  const user = db.select().from(users).where(eq(users.email, email)).get()
  let ok = false
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password)
  else await verifyAgainstDummy(input.password)
  if (ok && user && user.status !== 'active') ok = false
  if (ok && user) {
    const org = db.select({ status: organisations.status }).from(memberships).innerJoin(organisations, eq(organisations.id, memberships.orgId)).where(eq(memberships.userId, user.id)).get()
    if (!org || org.status === 'inactive') ok = false
  }
  db.insert(loginAttempts).values({ id: newId(), email, ip: input.ip, success: ok, at: now }).run()
  if (!ok || !user) {
    const lockedSeconds = await recordLoginFailure(email, input.ip, deviceId, trusted)
    if (lockedSeconds && user && user.status === 'active') notifyLocked(user.id, lockedSeconds, now)
    return { ok: false, reason: 'invalid' }
  }
  await recordLoginSuccess(deviceId)
  const session = createSession(user.id, { ip: input.ip, userAgent: input.userAgent }, db, now)
  return { ok: true, token: session.token, userId: user.id, deviceCookie: newDeviceCookieValue(email) }
}

/** Tells the owner that sign-in to their account is paused (in-app and by email), with the way out. */
function notifyLocked(userId: string, seconds: number, now: number) {
  db.transaction((tx) => {
    notify(tx, userId, 'account_locked', { minutes: Math.ceil(seconds / 60) }, '/forgot-password')
    audit(tx, { userId, orgId: null }, 'user', userId, 'sign_in_locked', null, { seconds }, now)
  })
  kickEmailDelivery()
}

/** Always succeeds from the caller's point of view, so the form cannot be used to find accounts. */
export function requestPasswordReset(emailInput: string, now = Date.now()) {
  const email = emailInput.trim().toLowerCase()
  const user = db.select().from(users).where(eq(users.email, email)).get()
  if (!user || user.status !== 'active') return
  const secret = newSecret()
  db.transaction((tx) => {
    tx.insert(passwordResetTokens).values({ id: newId(), tokenHash: hashSecret(secret), userId: user.id, expiresAt: now + RESET_TOKEN_TTL_MS, createdAt: now }).run()
    queueEmail(tx, user.email, 'password_reset', user.locale, { name: user.name, link: `${getEnv().APP_URL}/reset-password/${secret}`, minutes: 30 }, now)
    audit(tx, { userId: user.id, orgId: null }, 'user', user.id, 'password_reset_requested')
  })
  kickEmailDelivery()
}

function findUsableResetToken(secret: string, now: number) {
  const row = db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashSecret(secret))).get()
  if (!row || row.usedAt || row.expiresAt <= now) return null
  return row
}

export function isResetTokenUsable(secret: string, now = Date.now()): boolean {
  return findUsableResetToken(secret, now) !== null
}

/** Sets a new password from an emailed link: single use, 30 minutes, ends every session. */
export async function resetPassword(secret: string, password: string, now = Date.now()) {
  const row = findUsableResetToken(secret, now)
  if (!row) throw new ValidationFailed('token', 'errors.resetLinkInvalid')
  const hash = await hashPassword(password)
  db.transaction(
    (tx) => {
      const used = tx
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
        .run().changes
      if (!used) throw new ValidationFailed('token', 'errors.resetLinkInvalid')
      tx.update(users).set({ passwordHash: hash, updatedAt: now }).where(eq(users.id, row.userId)).run()
      invalidateUserSessions(row.userId, undefined, tx)
      audit(tx, { userId: row.userId, orgId: null }, 'user', row.userId, 'password_reset')
    },
    { behavior: 'immediate' },
  )
}

/** Password change from the profile page: checks the current one, ends every other session. */
export async function changePassword(actor: Actor, current: string, next: string) {
  const user = db.select().from(users).where(eq(users.id, actor.userId)).get()
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) throw new ValidationFailed('current', 'errors.currentPasswordWrong')
  const hash = await hashPassword(next)
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash: hash, updatedAt: Date.now() }).where(eq(users.id, actor.userId)).run()
    invalidateUserSessions(actor.userId, actor.sessionId, tx)
    audit(tx, actor, 'user', actor.userId, 'password_changed')
  })
}

// ---- invitations ------------------------------------------------------------------------
export function findOpenInvitation(secret: string, now = Date.now()) {
  const row = db
    .select({ id: invitations.id, email: invitations.email, name: invitations.name, role: invitations.role, orgName: organisations.name, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashSecret(secret)))
    .get()
  if (!row || row.acceptedAt || row.expiresAt <= now) return null
  return row
}

/** The invited person sets a password; the invited user becomes active and signed in. */
export async function acceptInvitation(secret: string, password: string, meta: { ip?: string; userAgent?: string } = {}, now = Date.now()) {
  const open = findOpenInvitation(secret, now)
  if (!open) throw new NotFound()
  const hash = await hashPassword(password)
  return db.transaction(
    (tx) => {
      const inv = tx.select().from(invitations).where(eq(invitations.id, open.id)).get()
      if (!inv || inv.acceptedAt) throw new NotFound()
      tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id)).run()
      const user = tx.select().from(users).where(eq(users.email, inv.email)).get()
      if (!user) throw new NotFound()
      tx.update(users).set({ passwordHash: hash, status: 'active', updatedAt: now }).where(eq(users.id, user.id)).run()
      audit(tx, { userId: user.id, orgId: inv.orgId }, 'user', user.id, 'invitation_accepted', { status: user.status }, { status: 'active' })
      return createSession(user.id, meta, tx, now)
    },
    { behavior: 'immediate' },
  )
}
