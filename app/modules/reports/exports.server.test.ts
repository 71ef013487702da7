import { describe, expect, it } from 'vitest'
import { makeAccount, makeActor, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { parseCsv } from '../../utils/csv'
import { Forbidden } from '../../utils/errors'
import { opportunitiesCsv, partnersCsv, pipelineReportCsv } from './reports.server'

async function read(stream: ReadableStream<Uint8Array>) {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
  return { bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
}

describe('CSV exports', () => {
  it('stream every opportunity with a UTF-8 BOM, headers in the reader’s language and formula-looking cells neutralised', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const partner = makeOrg({ kind: 'partner', name: '@Mitra Jahat' })
    const pipeline = makePipeline()
    const account = makeAccount({ name: 'PT Kopi Ñusantara Jaya' })
    makeOpportunity({ accountId: account.id, pipeline, name: '=HYPERLINK("http://evil.example","klik")', partnerOrgId: partner.id, source: 'partner', amountMinor: 125_000_000 })
    makeOpportunity({ accountId: account.id, pipeline, name: '+62 21 555 0100', amountMinor: 5_000 })
    const { bytes, text } = await read(opportunitiesCsv({ ...manager, locale: 'id' }))
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(text.replace(/^\uFEFF/, ''))
    expect(rows[0].slice(0, 4)).toEqual(['Nama', 'Akun', 'Tahap', 'Nilai'])
    const evil = rows.find((r) => r[0].includes('HYPERLINK'))!
    expect(evil[0]).toBe(`'=HYPERLINK("http://evil.example","klik")`)
    expect(evil[1]).toBe('PT Kopi Ñusantara Jaya')
    expect(evil[3]).toBe('125000000')
    expect(evil[6]).toBe("'@Mitra Jahat")
    expect(rows.find((r) => r[0].includes('62 21'))![0]).toBe("'+62 21 555 0100")
  })

  it('writes the report tables and the partners list, and refuses partners', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const funnel = parseCsv((await read(await pipelineReportCsv(manager, 'funnel', { from: '2026-01', to: '2026-03' }))).text.replace(/^\uFEFF/, ''))
    expect(funnel[0][0]).toBe('Stage')
    const months = parseCsv((await read(await pipelineReportCsv(manager, 'months', { from: '2025-12', to: '2026-02' }))).text.replace(/^\uFEFF/, ''))
    expect(months.slice(1).map((r) => r[0])).toEqual(['2025-12', '2026-01', '2026-02'])
    makeOrg({ kind: 'partner', name: '-Mitra Minus', region: 'Bali' })
    const partners = parseCsv((await read(partnersCsv(manager, { region: 'Bali' }))).text.replace(/^\uFEFF/, ''))
    expect(partners.slice(1).map((r) => r[0])).toContain("'-Mitra Minus")
    const partnerAdmin = await makeActor({ role: 'partner_admin' })
    expect(() => opportunitiesCsv(partnerAdmin)).toThrow(Forbidden)
    expect(() => partnersCsv(partnerAdmin)).toThrow(Forbidden)
  })
})
