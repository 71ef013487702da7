import { redirect } from '@remix-run/node'
import { perRequest } from '../../utils/request-scope'
import { Forbidden } from '../../utils/errors'
import type { Actor, Capability } from './actor'
import { scopeOf } from './actor'
import { membershipOf } from '../orgs/orgs.server'
import { readSessionToken, validateSessionToken } from './session.server'

/** Loads the actor behind a session, or null when there is none, it expired, or the account is off. */
export function actorForSession(sessionId: string, userId: string): Actor | null {
  const member = membershipOf(userId)
  return member ? { ...member, sessionId } : null
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
export async function requireActor(request: Request): Promise<Actor> {
  const actor = getOptionalActor(request)
  if (!actor) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`)
  }
  return actor
}

/** For pages of one audience (vendor staff, say): refuses the others before any data is read. */
export async function requireCapability(request: Request, capability: Capability): Promise<Actor> {
  const actor = await requireActor(request)
  if (!scopeOf(actor, capability)) throw new Forbidden()
  return actor
}
