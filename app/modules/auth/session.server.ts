import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { and, eq, lt, ne, or, sql } from 'drizzle-orm'
import { sessions } from '../../../db/schema/auth'
import { db, preparedQuery, type DbOrTx } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { hashToken, newId, newSecret } from '../../utils/ids'
import { parseCookies, SESSION_COOKIE_PLAIN_NAME, SESSION_COOKIE_SECURE_NAME } from '../../utils/cookies'

export { parseCookies }

export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000
// Refresh last_seen_at at most this often, so reads do not turn into writes on every request.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000

export const hashSecret = hashToken

export type SessionRow = typeof sessions.$inferSelect

export function createSession(userId: string, meta: { ip?: string; userAgent?: string } = {}, tx: DbOrTx = db, now = Date.now()) {
  const id = newId()
  const secret = newSecret()
  tx.insert(sessions)
    .values({ id, secretHash: hashSecret(secret), userId, createdAt: now, lastSeenAt: now, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .run()
  return { id, token: `${id}.${secret}` }
}

const sessionById = preparedQuery((db) => db.select().from(sessions).where(eq(sessions.id, sql.placeholder('id'))).prepare())

/** Returns the live session for a cookie token, or null. Expired sessions are deleted on sight. */
export function validateSessionToken(token: string, now = Date.now()): SessionRow | null {
  const [id, secret, extra] = token.split('.')
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null
  const row = sessionById().get({ id })
  if (!row) return null
  const given = new TextEncoder().encode(hashSecret(secret))
  const stored = new TextEncoder().encode(row.secretHash)
  if (!constantTimeEqual(given, stored)) return null
  if (now - row.lastSeenAt >= SESSION_IDLE_MS || now - row.createdAt >= SESSION_ABSOLUTE_MS) {
    db.delete(sessions).where(eq(sessions.id, id)).run()
    return null
  }
  if (now - row.lastSeenAt >= TOUCH_INTERVAL_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run()
    row.lastSeenAt = now
  }
  return row
}

export function invalidateSession(id: string, tx: DbOrTx = db) {
  tx.delete(sessions).where(eq(sessions.id, id)).run()
}

/** Ends every session of a user, or every one but `keepId` (the one changing the password). */
export function invalidateUserSessions(userId: string, keepId?: string, tx: DbOrTx = db) {
  tx.delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId))
    .run()
}

export function purgeExpiredSessions(now = Date.now()): number {
  return db
    .delete(sessions)
    .where(or(lt(sessions.lastSeenAt, now - SESSION_IDLE_MS), lt(sessions.createdAt, now - SESSION_ABSOLUTE_MS)))
    .run().changes
}

// ---- cookie -------------------------------------------------------------------------
const SECURE_NAME = SESSION_COOKIE_SECURE_NAME
const PLAIN_NAME = SESSION_COOKIE_PLAIN_NAME

/**
 * `__Host-` + Secure whenever the request came over HTTPS (or SESSION_COOKIE_SECURE=always).
 * On plain http://localhost (the demo) a Secure cookie would be dropped by some clients, so
 * the cookie follows the transport; see docs/decisions/0001-sessions.md.
 */
export function cookieIsSecure(request: Request): boolean {
  const env = getEnv()
  if (env.SESSION_COOKIE_SECURE === 'always') return true
  if (env.SESSION_COOKIE_SECURE === 'never') return false
  if (new URL(request.url).protocol === 'https:') return true
  return env.TRUST_PROXY && request.headers.get('x-forwarded-proto')?.split(',')[0].trim() === 'https'
}

export function readSessionToken(request: Request): string | null {
  const cookies = parseCookies(request.headers.get('cookie'))
  return cookies.get(cookieIsSecure(request) ? SECURE_NAME : PLAIN_NAME) ?? null
}

export function sessionCookie(request: Request, token: string): string {
  const secure = cookieIsSecure(request)
  const name = secure ? SECURE_NAME : PLAIN_NAME
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_MS / 1000}${secure ? '; Secure' : ''}`
}

export function clearSessionCookie(request: Request): string {
  const secure = cookieIsSecure(request)
  const name = secure ? SECURE_NAME : PLAIN_NAME
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`
}
