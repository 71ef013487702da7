export const ROLES = [
  'admin',
  'partner_manager',
  'procurement_manager',
  'sales',
  'partner_admin',
  'partner_user',
  'supplier_admin',
  'supplier_user',
] as const
export type Role = (typeof ROLES)[number]
export type OrgKind = 'vendor' | 'partner' | 'supplier'

export const ROLES_BY_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  vendor: ['admin', 'partner_manager', 'procurement_manager', 'sales'],
  partner: ['partner_admin', 'partner_user'],
  supplier: ['supplier_admin', 'supplier_user'],
}

export function roleFitsOrg(role: Role, kind: OrgKind): boolean {
  return ROLES_BY_ORG_KIND[kind].includes(role)
}
