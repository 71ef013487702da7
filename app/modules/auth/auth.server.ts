import { and, count, eq, gt, isNull } from 'drizzle-orm'
import { invitations, loginAttempts, memberships, organisations, passwordResetTokens, users } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId, newSecret } from '../../utils/ids'
import type { Actor } from './actor'
import { audit } from '../audit/audit.server'
import { kickEmailDelivery, queueEmail } from '../notify/notify.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { createSession, hashSecret, invalidateUserSessions } from './session.server'

export const LOGIN_WINDOW_MS = 15 * 60_000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 30
export const RESET_TOKEN_TTL_MS = 30 * 60_000
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000

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
  if (!ok || !user) return { ok: false, reason: 'invalid' }
  const session = createSession(user.id, { ip: input.ip, userAgent: input.userAgent }, db, now)
  return { ok: true, token: session.token, userId: user.id }
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
