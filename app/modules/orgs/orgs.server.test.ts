import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, sessions } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { Forbidden, NotFound, ValidationFailed } from '../../utils/errors'
import { makeActor, makeOrg } from '../../../tests/factories'
import { OrganisationSchema, normaliseNpwpInput } from './orgs.schema'
import { createOrganisation, getOrganisation, inviteUser, listOrganisations, listUsersOf, organisationRegions, setUserActive } from './orgs.server'

describe('NPWP', () => {
  it('accepts 15 or 16 digits, dotted or not, and nothing else', async () => {
    expect(normaliseNpwpInput('01.234.567.8-901.000')).toBe('012345678901000')
    expect(normaliseNpwpInput('012345678901000')).toBe('012345678901000')
    expect(normaliseNpwpInput('3171 0123 4567 8901')).toBe('3171012345678901')
    expect(normaliseNpwpInput('01.234.567.8-901.00')).toBeNull()
    expect(normaliseNpwpInput('01234567890100A')).toBeNull()
  })

  it('reports a bad NPWP against the field with a translatable message', async () => {
    const result = OrganisationSchema.safeParse({ kind: 'partner', name: 'PT X', npwp: '123' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ path: ['npwp'], message: 'errors.npwp' })
  })
})

describe('organisations and tenancy', () => {
  it('lets the vendor admin create a partner, with an audit row', async () => {
    const admin = await makeActor({ role: 'admin' })
    const org = await createOrganisation(admin, OrganisationSchema.parse({ kind: 'partner', name: 'PT Baru', npwp: '01.234.567.8-901.000', tier: 'silver' }))
    expect(org.npwp).toBe('012345678901000')
    const rows = db.select().from(auditLog).where(eq(auditLog.entityId, org.id)).all()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'created', actorId: admin.userId, entityType: 'organisation' })
  })

  it('refuses organisation management to everyone but the vendor admin', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const partner = await makeActor({ role: 'partner_admin' })
    const input = OrganisationSchema.parse({ kind: 'partner', name: 'PT Nope' })
    await expect(createOrganisation(manager, input)).rejects.toThrow(Forbidden)
    await expect(createOrganisation(partner, input)).rejects.toThrow(Forbidden)
  })

  it('hides other partners: their organisation and users are not found', async () => {
    const a = await makeActor({ role: 'partner_admin' })
    const b = await makeActor({ role: 'partner_admin' })
    expect((await getOrganisation(a, a.orgId)).id).toBe(a.orgId)
    await expect(getOrganisation(a, b.orgId)).rejects.toThrow(NotFound)
    await expect(listUsersOf(a, b.orgId)).rejects.toThrow(NotFound)
    expect((await listOrganisations(a)).rows.map((o) => o.id)).toEqual([a.orgId])
  })

  it('lets a partner admin invite into their own organisation only, with a role of its kind', async () => {
    const a = await makeActor({ role: 'partner_admin' })
    const b = makeOrg({ kind: 'partner' })
    await inviteUser(a, a.orgId, { email: 'colleague@example.test', name: 'Colleague', role: 'partner_user' })
    expect((await listUsersOf(a, a.orgId)).some((u) => u.email === 'colleague@example.test' && u.status === 'invited')).toBe(true)
    await expect(inviteUser(a, b.id, { email: 'x@example.test', name: 'X', role: 'partner_user' })).rejects.toThrow(NotFound)
    await expect(inviteUser(a, a.orgId, { email: 'boss@example.test', name: 'Boss', role: 'admin' })).rejects.toThrow(ValidationFailed)
    await expect(inviteUser(a, a.orgId, { email: 'colleague@example.test', name: 'Again', role: 'partner_user' })).rejects.toThrow(ValidationFailed)
  })

  it('a partner user cannot invite anyone', async () => {
    const user = await makeActor({ role: 'partner_user' })
    await expect(inviteUser(user, user.orgId, { email: 'y@example.test', name: 'Y', role: 'partner_admin' })).rejects.toThrow(Forbidden)
  })

  it('deactivating a user ends their sessions; nobody deactivates themselves', async () => {
    const admin = await makeActor({ role: 'partner_admin' })
    const colleague = await makeActor({ role: 'partner_user', orgId: admin.orgId })
    await setUserActive(admin, colleague.userId, false)
    expect(db.select().from(sessions).where(eq(sessions.userId, colleague.userId)).all()).toHaveLength(0)
    await expect(setUserActive(admin, admin.userId, false)).rejects.toThrow(ValidationFailed)
    const outsider = await makeActor({ role: 'partner_user' })
    await expect(setUserActive(admin, outsider.userId, false)).rejects.toThrow(NotFound)
  })
})

describe('region filter options', () => {
  it('lists each region of one kind of organisation once, in order, without the empty one; a partner gets none', async () => {
    const tag = `Zq${Date.now().toString(36)}`
    for (const region of [`${tag} Bali`, `${tag} Aceh`, `${tag} Bali`, `${tag} Papua`]) makeOrg({ kind: 'partner', region })
    makeOrg({ kind: 'partner', region: null })
    makeOrg({ kind: 'supplier', region: `${tag} Banten` })
    const manager = await makeActor({ role: 'partner_manager' })
    const regions = await organisationRegions(manager, 'partner')
    expect(regions.filter((r) => r.startsWith(tag))).toEqual([`${tag} Aceh`, `${tag} Bali`, `${tag} Papua`])
    expect(regions).toEqual([...new Set(regions)].sort())
    expect((await organisationRegions(manager, 'supplier')).filter((r) => r.startsWith(tag))).toEqual([`${tag} Banten`])
    expect(await organisationRegions(await makeActor({ role: 'partner_admin' }), 'partner')).toEqual([])
  })
})
