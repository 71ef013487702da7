import { describe, expect, it } from 'vitest'
import { makeActor } from '../../../tests/factories'
import { navigationFor } from '../auth/navigation'
import { approvalQueueFor } from './reports.server'

describe('one queue, each reader their kinds', () => {
  it('gives procurement the supplier kinds and partner managers the deal kinds, each with the menu entry', async () => {
    const procurement = await makeActor({ role: 'procurement_manager' })
    const manager = await makeActor({ role: 'partner_manager' })
    const kinds = async (a: typeof manager) => (await approvalQueueFor(a)).kinds.map((k) => k.kind)
    const forProcurement = await kinds(procurement)
    expect(forProcurement).toEqual(expect.arrayContaining(['supplier_application', 'catalog_version']))
    expect(forProcurement).not.toContain('deal_registration')
    const forManager = await kinds(manager)
    expect(forManager).toContain('deal_registration')
    expect(forManager).not.toContain('catalog_version')
    for (const a of [procurement, manager]) expect(navigationFor(a).map((i) => i.to)).toContain('/approvals')
    expect(navigationFor(await makeActor({ role: 'sales' })).map((i) => i.to)).not.toContain('/approvals')
  })
})
