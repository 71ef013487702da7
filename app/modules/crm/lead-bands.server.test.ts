import { describe, expect, it } from 'vitest'
import { leads } from '../../../db/schema/crm'
import { makeActor, makeLead } from '../../../tests/factories'
import { db } from '../../utils/db.server'
import { createLead, leadBands, updateLead } from './crm.server'
import { scoreBand, type LeadInput } from './crm.schema'

/** The open leads per band counted from the leads themselves, as the maintained counts must say. */
function leadBandsCounted() {
  const counted: Partial<Record<'hot' | 'warm' | 'junk', number>> = {}
  for (const l of db.select({ status: leads.status, score: leads.score }).from(leads).all()) {
    if (l.status === 'converted' || l.status === 'disqualified') continue
    counted[scoreBand(l.score)] = (counted[scoreBand(l.score)] ?? 0) + 1
  }
  return counted
}

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
