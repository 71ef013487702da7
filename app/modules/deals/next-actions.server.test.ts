import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../utils/dates'
import { makeActor } from '../../../tests/factories'
import { DealFormSchema } from './deals.schema'
import { approveDeal, createDeal, partnerNextActions, rejectDeal, returnDeal } from './deals.server'

const inDays = (d: number) => new Date(Date.now() + d * DAY_MS).toISOString().slice(0, 10)
const form = (name: string, intent: 'submit' | 'draft' = 'submit') =>
  DealFormSchema.parse({ intent, customerName: name, contactName: 'Budi', contactEmail: `budi@${name.toLowerCase().replace(/[^a-z]/g, '')}.co.id`, products: 'Firewall', value: '100.000.000', currency: 'IDR', expectedCloseDate: inDays(30), acceptRules: 'on' })

describe("a partner's next steps", () => {
  it('puts the question to answer first, with its text, then expiring protections, drafts and recent decisions — their own only', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const partner = await makeActor({ role: 'partner_user' })
    const other = await makeActor({ role: 'partner_admin' })

    const asked = await createDeal(partner, form('PT Kopi Kenangan Abadi'))
    await returnDeal(manager, asked.id, 'Siapa pengambil keputusan di pelanggan?')
    const approved = await createDeal(partner, form('PT Baja Ringan Sentosa'))
    await approveDeal(manager, approved.id)
    const rejected = await createDeal(partner, form('PT Tirta Kencana Raya'))
    await rejectDeal(manager, rejected.id, 'Pelanggan sudah dilayani langsung oleh tim penjualan')
    await createDeal(partner, form('PT Draf Belum Kirim', 'draft'))
    await createDeal(other, form('PT Milik Mitra Lain'))

    const next = await partnerNextActions(partner)
    expect(next?.needsAnswer.map((r) => [r.customerName, r.question])).toEqual([['PT Kopi Kenangan Abadi', 'Siapa pengambil keputusan di pelanggan?']])
    expect(next?.drafts.map((r) => r.customerName)).toEqual(['PT Draf Belum Kirim'])
    expect(next?.recentDecisions.map((r) => [r.customerName, r.status, r.rejectionReason])).toEqual(
      expect.arrayContaining([
        ['PT Baja Ringan Sentosa', 'approved', null],
        ['PT Tirta Kencana Raya', 'rejected', 'Pelanggan sudah dilayani langsung oleh tim penjualan'],
      ]),
    )
    // protection of 90 days is not "ending soon" today, but is 80 days later
    expect(next?.expiring).toEqual([])
    const later = await partnerNextActions(partner, Date.now() + 80 * DAY_MS)
    expect(later?.expiring.map((r) => r.customerName)).toEqual(['PT Baja Ringan Sentosa'])

    const all = JSON.stringify(next)
    expect(all).not.toContain('PT Milik Mitra Lain')
    expect(all).not.toMatch(/conflict|decidedBy/i)
  })

  it('is nothing for vendor staff', async () => {
    expect(await partnerNextActions(await makeActor({ role: 'partner_manager' }))).toBeNull()
  })
})
