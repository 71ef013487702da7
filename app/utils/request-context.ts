// What one request carries besides the per-request cache: its id (X-Request-Id, audit rows,
// every log line written while it runs) and the Remix route that answered it (metrics and
// the request log). Stored in the request scope that server.ts opens around each request.
import { requestScope } from './request-scope'

const REQUEST_ID = '__requestId'
const ROUTE = '__route'

export function currentRequestId(): string | null {
  return (requestScope.getStore()?.get(REQUEST_ID) as string | undefined) ?? null
}

export function setRequestId(id: string) {
  requestScope.getStore()?.set(REQUEST_ID, id)
}

export function setRoute(routeId: string) {
  requestScope.getStore()?.set(ROUTE, routeId)
}

export function currentRoute(): string | null {
  return (requestScope.getStore()?.get(ROUTE) as string | undefined) ?? null
}

/** The signed-in actor, if a loader of this request looked it up (require-actor caches it in the scope). */
export function currentActor(): { userId: string; orgId: string } | null {
  const store = requestScope.getStore()
  if (!store) return null
  for (const [key, value] of store) {
    if (key.startsWith('actor:') && value && typeof value === 'object') {
      const actor = value as { userId?: string; orgId?: string }
      if (actor.userId) return { userId: actor.userId, orgId: actor.orgId ?? '' }
    }
  }
  return null
}

/** A client-supplied id is kept only when it looks like one (no log injection, bounded length). */
export function acceptableRequestId(value: string | undefined): string | null {
  return value && /^[A-Za-z0-9._:-]{8,64}$/.test(value) ? value : null
}
