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
 * Throws unless the actor may do this. Two answers, kept apart on purpose:
 * - about a record (`row` given) the actor may not see — another organisation's, or a kind of
 *   record they hold no capability for at all: NotFound, 404, the same answer as for an id that
 *   does not exist, so ids cannot be probed;
 * - about a capability the actor lacks, with no particular record (a list, a "new" form, an action
 *   on a record they can see): Forbidden, 403.
 */
export function assertCan(actor: Pick<Actor, 'role' | 'orgId' | 'userId'>, capability: Capability, row?: { orgId?: string | null; userId?: string | null }): void {
  if (!scopeOf(actor, capability)) throw row ? new NotFound() : new Forbidden()
  if (row && !can(actor, capability, row)) throw new NotFound()
}
