import { describe, expect, it } from 'vitest'
import { makeAccount, makeActor, makeOpportunity, makePipeline } from '../../../tests/factories'
import { getPipelineBoard, listOpportunities, listPipelines } from './crm.server'

describe('stage names in the reader’s language', () => {
  it('shows the English name to English readers and the vendor’s own to everyone else', async () => {
    const pipeline = makePipeline({ name: 'Bilingual', stages: [{ name: 'Negosiasi', nameEn: 'Negotiation', probability: 75 }, { name: 'Tanpa Terjemahan', probability: 10 }] })
    const account = makeAccount({ name: 'PT Bahasa Dua' })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: 0, name: 'Dua bahasa' })
    const reader = await makeActor({ role: 'sales' })
    const en = { ...reader, locale: 'en' as const }
    const id = { ...reader, locale: 'id' as const }

    const stagesFor = async (a: typeof en | typeof id) => (await listPipelines(a)).find((p) => p.id === pipeline.id)!.stages.map((s) => s.name)
    expect(await stagesFor(en)).toEqual(['Negotiation', 'Tanpa Terjemahan'])
    expect(await stagesFor(id)).toEqual(['Negosiasi', 'Tanpa Terjemahan'])
    expect((await getPipelineBoard(en, pipeline.id)).stages[0].name).toBe('Negotiation')
    const row = (await listOpportunities(en, { q: 'Dua bahasa' })).rows[0]
    expect(row.stageName).toBe('Negotiation')
    expect((await listOpportunities(id, { q: 'Dua bahasa' })).rows[0].stageName).toBe('Negosiasi')
  })
})
