import { describe, expect, it } from 'vitest'
import { makeActor, makeLead } from '../../../tests/factories'
import { createLead, leadBands, leadBandsCounted, updateLead } from './crm.server'
import type { LeadInput } from './crm.schema'

const input = (over: Partial<LeadInput>): LeadInput => ({ company: 'PT Prospek', contactName: 'Sari', email: null, phone: null, source: 'web', status: 'new', score: 50, ...over })

describe('lead bands on the dashboard', () => {
  it('are the maintained counts, equal to counting the open leads after every kind of write', async () => {
    const sales = await makeActor({ role: 'sales' })
    const before = await leadBands(sales)
    const hot = await createLead(sales, input({ score: 80 }))
    const warm = await createLead(sales, input({ score: 45 }))
    makeLead({ score: 10, status: 'working' })
    expect(await leadBands(sales)).toEqual(leadBandsCounted())
    expect((await leadBands(sales)).hot).toBe((before.hot ?? 0) + 1)

    // a score change moves it between bands; disqualified and converted leads leave the counts; reopened, it is back
    await updateLead(sales, warm.id, input({ score: 75 }))
    expect(await leadBands(sales)).toEqual(leadBandsCounted())
    expect((await leadBands(sales)).warm ?? 0).toBe(before.warm ?? 0)
    await updateLead(sales, hot.id, input({ score: 80, status: 'disqualified' }))
    await updateLead(sales, warm.id, input({ score: 75, status: 'converted' }))
    expect(await leadBands(sales)).toEqual(leadBandsCounted())
    expect((await leadBands(sales)).hot ?? 0).toBe(before.hot ?? 0)
    await updateLead(sales, hot.id, input({ score: 20, status: 'working' }))
    expect(await leadBands(sales)).toEqual(leadBandsCounted())
  })
})
