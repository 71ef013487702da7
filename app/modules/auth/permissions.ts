// The one permission map. Strings read `action:entity:scope`:
//   any      — every record of that kind (vendor staff)
//   own_org  — records of the actor's own organisation
//   own      — the actor's own record
// Service verbs call assertCan() first; routes only use can() to decide what to show.
import type { Role } from './roles'

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
    'read:deal:any',
    'approve:deal:any',
  ],
  partner_manager: ['read:organisation:any', 'read:user:any', 'read:crm:any', 'read:dashboard:any', 'read:audit:any', 'read:deal:any', 'approve:deal:any'],
  procurement_manager: ['read:organisation:any', 'read:user:any', 'read:crm:any', 'read:dashboard:any'],
  sales: ['read:crm:any', 'write:crm:any', 'read:dashboard:any', 'read:deal:any'],
  partner_admin: ['read:organisation:own_org', 'manage:user:own_org', 'read:user:own_org', 'read:deal:own_org', 'register:deal:own_org'],
  partner_user: ['read:organisation:own_org', 'read:user:own_org', 'read:deal:own_org', 'register:deal:own_org'],
  supplier_admin: ['read:organisation:own_org', 'manage:user:own_org', 'read:user:own_org'],
  supplier_user: ['read:organisation:own_org', 'read:user:own_org'],
} as const satisfies Record<Role, readonly string[]>

export type Permission = (typeof PERMISSIONS)[Role][number]

export function permissionsOf(role: Role): readonly Permission[] {
  return PERMISSIONS[role]
}
