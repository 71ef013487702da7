import { Forbidden, NotFound } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { permissionsOf, type Permission } from './permissions'
import type { OrgKind, Role } from './roles'

/** Who is acting: the signed-in user with their one organisation and role. */
export type Actor = {
  userId: string
  email: string
  name: string
  locale: Locale
  timeZone: string
  orgId: string
  orgKind: OrgKind
  orgName: string
  role: Role
  sessionId: string
}

type Scope = 'any' | 'own_org' | 'own'
type Split<P extends string> = P extends `${infer A}:${infer E}:${string}` ? `${A}:${E}` : never
export type Capability = Split<Permission>

/** The widest scope the actor holds for `action:entity`, or null. */
export function scopeOf(actor: Pick<Actor, 'role'>, capability: Capability): Scope | null {
  const held = permissionsOf(actor.role) as readonly string[]
  if (held.includes(`${capability}:any`)) return 'any'
  if (held.includes(`${capability}:own_org`)) return 'own_org'
  if (held.includes(`${capability}:own`)) return 'own'
  return null
}

export function can(actor: Pick<Actor, 'role' | 'orgId' | 'userId'>, capability: Capability, row?: { orgId?: string | null; userId?: string | null }): boolean {
  const scope = scopeOf(actor, capability)
  if (!scope) return false
  if (scope === 'any' || !row) return true
  if (scope === 'own_org') return row.orgId === actor.orgId
  return row.userId === actor.userId
}

/**
 * Throws unless the actor may do this. Two different answers, on purpose:
 * - the actor holds the capability at no scope ("a partner asks for the CRM"): Forbidden, 403;
 * - they hold it, but this row is outside their scope ("another partner's registration"):
 *   NotFound, 404, the same answer as for an id that does not exist, so ids cannot be probed.
 */
export function assertCan(actor: Pick<Actor, 'role' | 'orgId' | 'userId'>, capability: Capability, row?: { orgId?: string | null; userId?: string | null }): void {
  if (!scopeOf(actor, capability)) throw new Forbidden()
  if (!can(actor, capability, row)) throw new NotFound()
}
