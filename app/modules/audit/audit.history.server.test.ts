import { describe, expect, it } from 'vitest'
import { makeAccount, makeActor, makePipeline } from '../../../tests/factories'
import { DAY_MS } from '../../utils/dates'
import { Forbidden, NotFound } from '../../utils/errors'
import type { Actor } from '../auth/actor'
import { createOpportunity, moveOpportunityStage, updateAccount } from '../crm/crm.server'
import { AccountSchema, OpportunitySchema } from '../crm/crm.schema'
import { DealFormSchema } from '../deals/deals.schema'
import { approveDeal, createDeal, decideExtension, getDeal, requestExtension, returnDeal, answerAndResubmit } from '../deals/deals.server'
import { historyFor } from './audit.history.server'

const inDays = (d: number) => new Date(Date.now() + d * DAY_MS).toISOString().slice(0, 10)
const deal = (over: Record<string, string> = {}) =>
  DealFormSchema.parse({ intent: 'submit', customerName: 'PT Riwayat Jelas', contactName: 'Budi', contactEmail: 'budi@riwayatjelas.co.id', products: 'Firewall', value: '100.000.000', currency: 'IDR', expectedCloseDate: inDays(30), acceptRules: 'on', ...over })

const RAW = /\b(status|conflictCount|flaggedConflict|protectedUntil|accountId|stageId|opportunityId|justification|undefined|null)\b|\d{11,}|[{}]/
const inLanguage = (actor: Actor, locale: 'id' | 'en') => ({ ...actor, locale })

/** A registration with a conflict (an existing account), returned with a question, answered, approved and extended. */
async function registrationWithAHistory() {
  makeAccount({ name: 'PT Riwayat Jelas', website: 'riwayatjelas.co.id' })
  const manager = await makeActor({ role: 'partner_manager' })
  const partner = await makeActor({ role: 'partner_user' })
  const reg = await createDeal(partner, deal())
  await returnDeal(manager, reg.id, 'Siapa pengambil keputusannya?')
  await answerAndResubmit(partner, reg.id, 'Ibu Sari, CFO')
  await approveDeal(manager, reg.id)
  await requestExtension(partner, reg.id, 'Tender diundur')
  const ext = (await getDeal(manager, reg.id)).extensions[0]
  await decideExtension(manager, reg.id, ext.id, 'approve', null)
  return { manager, partner, reg }
}

describe('historyFor: a record’s history as sentences for its reader', () => {
  it('tells a registration’s life in the reader’s language, with names and dates, no field names, epochs or ids', async () => {
    const { manager, partner, reg } = await registrationWithAHistory()
    for (const locale of ['id', 'en'] as const) {
      const events = await historyFor(inLanguage(partner, locale), 'deal_registration', reg.id)
      expect(events.length).toBeGreaterThanOrEqual(7)
      for (const e of events) {
        expect(e.text, e.text).not.toMatch(RAW)
        expect(e.text).not.toContain(reg.id)
        for (const d of e.details) expect(d).not.toMatch(RAW)
      }
      const texts = events.map((e) => e.text).join('\n')
      expect(texts).toContain(manager.name)
      expect(texts).toContain('Siapa pengambil keputusannya?')
      expect(texts).toMatch(locale === 'id' ? /menyetujui registrasi; dilindungi hingga \d+ \w+ 20\d\d/ : /approved the registration; protected until \d+ \w+ 20\d\d/)
      expect(texts).toMatch(locale === 'id' ? /memperpanjang perlindungan hingga/ : /extended the protection to/)
    }
  })

  it('never tells a partner how many conflicts the check found; tells the vendor', async () => {
    const { manager, partner, reg } = await registrationWithAHistory()
    const forPartner = (await historyFor(inLanguage(partner, 'en'), 'deal_registration', reg.id)).flatMap((e) => [e.text, ...e.details]).join('\n')
    const forManager = (await historyFor(inLanguage(manager, 'en'), 'deal_registration', reg.id)).flatMap((e) => [e.text, ...e.details]).join('\n')
    expect(forManager).toMatch(/conflict check found \d+ possible conflict/)
    expect(forPartner).not.toMatch(/conflict/i)
  })

  it('answers 404 for another organisation’s registration and checks read:audit', async () => {
    const { reg } = await registrationWithAHistory()
    const stranger = await makeActor({ role: 'partner_admin' })
    const supplier = await makeActor({ role: 'supplier_admin' })
    await expect(historyFor(stranger, 'deal_registration', reg.id)).rejects.toThrow(NotFound)
    await expect(historyFor(supplier, 'deal_registration', reg.id)).rejects.toThrow(NotFound)
  })

  it('names CRM changes by label and shows money, dates and stages as people write them', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = makeAccount({ name: 'PT Lama Sekali' })
    await updateAccount(inLanguage(sales, 'en'), account.id, AccountSchema.parse({ name: 'PT Baru Sekali', city: 'Bandung' }))
    const accountEvents = await historyFor(inLanguage(sales, 'en'), 'account', account.id)
    expect(accountEvents[0].details).toContain('Company name: PT Lama Sekali → PT Baru Sekali')
    const pipeline = makePipeline()
    const opp = await createOpportunity(sales, OpportunitySchema.parse({ name: 'ERP', accountId: account.id, pipelineId: pipeline.id, amount: '1.500.000', currency: 'IDR' }))
    await moveOpportunityStage(sales, opp.id, pipeline.stages[1].id)
    const oppEvents = await historyFor(inLanguage(sales, 'id'), 'opportunity', opp.id)
    expect(oppEvents[0].text).toContain(`dari ${pipeline.stages[0].name} ke ${pipeline.stages[1].name}`)
    for (const e of oppEvents) expect(e.text).not.toMatch(RAW)
    const partner = await makeActor({ role: 'partner_user' })
    await expect(historyFor(partner, 'account', account.id)).rejects.toThrow(NotFound)
    const procurement = await makeActor({ role: 'procurement_manager' })
    await expect(historyFor(procurement, 'organisation', sales.orgId)).rejects.toThrow(Forbidden)
  })
})
