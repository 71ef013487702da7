import { describe, expect, it } from 'vitest'
import { NotFound, Forbidden } from '../../utils/errors'
import { assertCan, can, scopeOf } from './actor'
import { PERMISSIONS, rolesHolding } from './permissions'
import { ROLES } from './roles'

const actor = (role: (typeof ROLES)[number], orgId = 'org-a') => ({ role, orgId, userId: 'u1' })

describe('permission map', () => {
  it('has an entry for every role and only well-formed strings', () => {
    for (const role of ROLES) {
      expect(PERMISSIONS[role]).toBeDefined()
      for (const p of PERMISSIONS[role]) expect(p).toMatch(/^[a-z_]+:[a-z_]+:(any|own_org|own)$/)
    }
  })

  it('gives core CRM only to vendor staff, and writing only to admin and sales', () => {
    expect(ROLES.filter((r) => scopeOf(actor(r), 'read:crm') === 'any')).toEqual(['admin', 'partner_manager', 'procurement_manager', 'sales'])
    expect(ROLES.filter((r) => can(actor(r), 'write:crm'))).toEqual(['admin', 'sales'])
  })

  it('lets org admins manage users of their own organisation only', () => {
    expect(can(actor('partner_admin'), 'manage:user', { orgId: 'org-a' })).toBe(true)
    expect(can(actor('partner_admin'), 'manage:user', { orgId: 'org-b' })).toBe(false)
    expect(can(actor('partner_user'), 'manage:user', { orgId: 'org-a' })).toBe(false)
    expect(can(actor('admin'), 'manage:user', { orgId: 'org-b' })).toBe(true)
  })

  it('answers NotFound about a record the actor may not see, Forbidden for a capability they lack', () => {
    expect(() => assertCan(actor('partner_admin'), 'read:organisation', { orgId: 'org-b' })).toThrow(NotFound)
    expect(() => assertCan(actor('partner_user'), 'read:crm', { orgId: null })).toThrow(NotFound)
    expect(() => assertCan(actor('partner_user'), 'read:crm')).toThrow(Forbidden)
    expect(() => assertCan(actor('partner_user'), 'manage:organisation')).toThrow(Forbidden)
  })

  it('names the recipients of a permission from the map alone', () => {
    expect(rolesHolding('approve:deal_registration:any')).toEqual(['admin', 'partner_manager'])
    expect(rolesHolding('register:deal_registration:own_org')).toEqual(['partner_admin', 'partner_user'])
  })
})
