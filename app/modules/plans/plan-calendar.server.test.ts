import { describe, expect, it } from 'vitest'
import { makeActor } from '../../../tests/factories'
import { eventsBetween } from '../schedules/schedules.server'
import { addInitiative, createPlan, getPlan, removeInitiative } from './plans.server'

const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)

describe('plan initiatives on the calendar', () => {
  it('puts an initiative on the calendars of the partner team and the plan owner, and takes it off when removed', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const partnerUser = await makeActor({ role: 'partner_user' })
    const stranger = await makeActor({ role: 'partner_user' })
    const plan = await createPlan(manager, { partnerOrgId: partnerUser.orgId, year: new Date().getUTCFullYear() + 1, title: 'Rencana bersama' })
    await addInitiative(manager, plan.id, { title: 'Roadshow Surabaya', owner: 'Rina', startDate: day(10), endDate: day(12), budget: '15.000.000' })
    const window = [Date.now(), Date.now() + 30 * 86_400_000] as const
    const mine = await eventsBetween({ ...partnerUser, locale: 'id' }, ...window, { mine: true })
    expect(mine.map((e) => e.title)).toEqual(['Inisiatif rencana: Roadshow Surabaya'])
    expect((await eventsBetween({ ...manager, locale: 'en' }, ...window, { mine: true })).map((e) => e.title)).toContain('Plan initiative: Roadshow Surabaya')
    expect(await eventsBetween(stranger, ...window)).toEqual([])

    const initiativeId = (await getPlan(manager, plan.id)).initiatives[0].id
    await removeInitiative(manager, plan.id, initiativeId)
    expect((await eventsBetween(partnerUser, ...window, { mine: true })).map((e) => e.status)).not.toContain('scheduled')
  })
})
