// The one permission map. Strings read `action:entity:scope`:
//   any      — every record of that kind (vendor staff)
//   own_org  — records of the actor's own organisation
//   own      — the actor's own record
// Service verbs call assertCan() first; the menu, notification recipients and home pages are
// derived from this map too (navigation.ts, rolesHolding()), so nothing else checks roles by hand.
import { ROLES, type Role } from './roles'

export const PERMISSIONS = {
  admin: [
    'manage:settings:any',
    'manage:organisation:any',
    'read:organisation:any',
    'manage:user:any',
    'read:user:any',
    'read:crm:any',
    'write:crm:any',
    'read:audit:any',
    'read:dashboard:any',
    'read:deal_registration:any',
    'approve:deal_registration:any',
    'read:training:any',
    'read:certificate:any',
    'grant:certificate:any',
    'read:tier:any',
  ],
  partner_manager: [
    'read:organisation:any',
    'read:user:any',
    'read:crm:any',
    'read:dashboard:any',
    'read:audit:any',
    'read:deal_registration:any',
    'approve:deal_registration:any',
    'read:training:any',
    'read:certificate:any',
    'grant:certificate:any',
    'read:tier:any',
  ],
  procurement_manager: ['read:organisation:any', 'read:user:any', 'read:crm:any', 'read:dashboard:any', 'read:audit:any'],
  sales: ['read:crm:any', 'write:crm:any', 'read:dashboard:any', 'read:audit:any', 'read:deal_registration:any'],
  partner_admin: [
    'read:organisation:own_org',
    'manage:user:own_org',
    'read:user:own_org',
    'read:audit:own_org',
    'read:deal_registration:own_org',
    'register:deal_registration:own_org',
    'read:home:own_org',
    'read:training:own_org',
    'take:training:own',
    'read:certificate:own_org',
    'read:tier:own_org',
  ],
  partner_user: [
    'read:organisation:own_org',
    'read:user:own_org',
    'read:audit:own_org',
    'read:deal_registration:own_org',
    'register:deal_registration:own_org',
    'read:home:own_org',
    'read:training:own_org',
    'take:training:own',
    'read:certificate:own',
    'read:tier:own_org',
  ],
  supplier_admin: ['read:organisation:own_org', 'manage:user:own_org', 'read:user:own_org', 'read:audit:own_org', 'read:home:own_org'],
  supplier_user: ['read:organisation:own_org', 'read:user:own_org', 'read:audit:own_org', 'read:home:own_org'],
} as const satisfies Record<Role, readonly string[]>

export type Permission = (typeof PERMISSIONS)[Role][number]

export function permissionsOf(role: Role): readonly Permission[] {
  return PERMISSIONS[role]
}

/** The roles that hold exactly this permission (e.g. who receives "a registration waits for approval"). */
export function rolesHolding(permission: Permission): Role[] {
  return ROLES.filter((role) => (PERMISSIONS[role] as readonly string[]).includes(permission))
}
