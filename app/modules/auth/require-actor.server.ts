import { redirect } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { memberships, organisations, users } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { perRequest } from '../../utils/request-scope'
import { Forbidden } from '../../utils/errors'
import type { Actor, Capability } from './actor'
import { scopeOf } from './actor'
import { readSessionToken, validateSessionToken } from './session.server'

/** Loads the actor behind a session, or null when there is none, it expired, or the account is off. */
export function actorForSession(sessionId: string, userId: string): Actor | null {
  const row = db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      timeZone: users.timeZone,
      status: users.status,
      orgId: organisations.id,
      orgKind: organisations.kind,
      orgName: organisations.name,
      orgStatus: organisations.status,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(users.id, userId))
    .get()
  if (!row || row.status !== 'active' || row.orgStatus === 'inactive') return null
  const { status: _s, orgStatus: _o, ...actor } = row
  return { ...actor, sessionId }
}

export function getOptionalActor(request: Request): Actor | null {
  const token = readSessionToken(request)
  if (!token) return null
  // the root, layout and page loaders of one request share the answer
  return perRequest(`actor:${token}`, () => {
    const session = validateSessionToken(token)
    if (!session) return null
    return actorForSession(session.id, session.userId)
  })
}

/** The top line of every loader and action: the actor, or a redirect to /login that comes back here. */
export function requireActor(request: Request): Actor {
  const actor = getOptionalActor(request)
  if (!actor) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`)
  }
  return actor
}

/** For pages of one audience (vendor staff, say): refuses the others before any data is read. */
export function requireCapability(request: Request, capability: Capability): Actor {
  const actor = requireActor(request)
  if (!scopeOf(actor, capability)) throw new Forbidden()
  return actor
}
