import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { makeActor, makeOrg } from '../../../tests/factories'
import { db } from '../../utils/db.server'
import { Forbidden, NotFound, ValidationFailed } from '../../utils/errors'
import { renderPdf } from '../../utils/pdf.server'
import { checkUpload, type UploadAccepted } from '../../utils/upload.server'
import { historyFor } from '../audit/audit.history.server'
import { ItemFormSchema } from './library.schema'
import {
  addLibraryVersion,
  createLibraryItem,
  getLibraryItem,
  libraryFileForDownload,
  libraryItemUsage,
  libraryUsage,
  listLibrary,
  MARK_END,
  MARK_START,
  recordLibraryVisit,
  toggleFavourite,
  updateLibraryItem,
} from './library.server'
import { matchQuery } from './search-index.server'
import { extractPdfText } from './text-extract.server'

const form = (over: Record<string, unknown> = {}) =>
  ItemFormSchema.parse({ kind: 'document', titleEn: 'Network brochure', titleId: 'Brosur jaringan', descriptionEn: 'Our switches', descriptionId: 'Switch kami', category: 'brochure', language: 'both', tags: 'network, switch', audience: 'all_partners', ...over })

async function pdf(text: string, compress = true): Promise<UploadAccepted> {
  const bytes = await renderPdf({ title: 'Test', compress }, (doc) => doc.fontSize(12).text(text))
  const check = await checkUpload(new Blob([new Uint8Array(bytes)]), { maxBytes: 5_000_000, allow: ['pdf'] }, 'brochure.pdf')
  if (!check.ok) throw new Error(check.messageKey)
  return check
}

async function world() {
  const vendor = makeOrg({ kind: 'vendor' })
  const manager = await makeActor({ role: 'partner_manager', orgId: vendor.id })
  const sales = await makeActor({ role: 'sales', orgId: vendor.id })
  const gold = makeOrg({ kind: 'partner', tier: 'gold', region: 'Bali' })
  const silver = makeOrg({ kind: 'partner', tier: 'silver', region: 'DKI Jakarta' })
  const supplierOrg = makeOrg({ kind: 'supplier', tier: null })
  return {
    manager,
    sales,
    gold: await makeActor({ role: 'partner_user', orgId: gold.id }),
    goldOrg: gold,
    silver: await makeActor({ role: 'partner_admin', orgId: silver.id }),
    silverOrg: silver,
    supplier: await makeActor({ role: 'supplier_user', orgId: supplierOrg.id }),
    supplierOrg,
  }
}

describe('visibility', () => {
  it('applies each audience rule in lists, search, counts, direct reads and downloads', async () => {
    const w = await world()
    const tag = `vis${Date.now()}`
    const make = async (audience: string, extra: Record<string, unknown> = {}) => (await createLibraryItem(w.manager, form({ titleEn: `${tag} ${audience}`, audience, ...extra }), await pdf(`${tag} body`))).id
    const ids = {
      all: await make('all_partners'),
      gold: await make('tiers', { tiers: ['gold', 'platinum'] }),
      bali: await make('regions', { regions: ['Bali'] }),
      silverOrg: await make('orgs', { orgs: [w.silverOrg.id] }),
      suppliers: await make('suppliers'),
      internal: await make('internal'),
    }
    const seen = async (actor: typeof w.gold) => {
      const list = await listLibrary(actor, { q: tag, pageSize: 50 })
      expect(list.total).toBe(list.rows.length) // the count is of what the actor may open
      return list.rows.map((r) => r.id).sort()
    }
    expect(await seen(w.gold)).toEqual([ids.all, ids.gold, ids.bali].sort())
    expect(await seen(w.silver)).toEqual([ids.all, ids.silverOrg].sort())
    expect(await seen(w.supplier)).toEqual([ids.suppliers])
    expect(await seen(w.sales)).toEqual(Object.values(ids).sort())

    // a direct URL and a file of an item not shared with you: 404, the same as a made-up id
    const goldItem = await getLibraryItem(w.gold, ids.gold)
    await expect(getLibraryItem(w.silver, ids.gold)).rejects.toThrow(NotFound)
    await expect(getLibraryItem(w.supplier, ids.all)).rejects.toThrow(NotFound)
    await expect(getLibraryItem(w.gold, ids.internal)).rejects.toThrow(NotFound)
    await expect(libraryFileForDownload(w.silver, ids.gold, goldItem.versions[0].id)).rejects.toThrow(NotFound)
    const file = await libraryFileForDownload(w.gold, ids.gold, goldItem.versions[0].id)
    expect(file.headers['X-Content-Type-Options']).toBe('nosniff')
    expect(file.headers['Content-Disposition']).toMatch(/^attachment; filename="brochure\.pdf"/)
    expect(fs.readFileSync(file.path).subarray(0, 5).toString()).toBe('%PDF-')
    // a version id of another item, even a visible one, is not a file of this item
    const allItem = await getLibraryItem(w.gold, ids.all)
    await expect(libraryFileForDownload(w.gold, ids.gold, allItem.versions[0].id)).rejects.toThrow(NotFound)

    // partners are not told whom else an item is shared with
    expect(goldItem.item.audience).toBeNull()
    expect(goldItem.targets).toEqual([])
    expect((await getLibraryItem(w.manager, ids.gold)).targets.map((t) => t.value).sort()).toEqual(['gold', 'platinum'])
  })

  it('follows a partner when its tier changes, and only vendor managers may write', async () => {
    const w = await world()
    const item = await createLibraryItem(w.manager, form({ audience: 'tiers', tiers: ['gold'] }), await pdf('x'))
    await expect(getLibraryItem(w.silver, item.id)).rejects.toThrow(NotFound)
    await updateLibraryItem(w.manager, item.id, form({ audience: 'tiers', tiers: ['gold', 'silver'] }))
    expect((await getLibraryItem(w.silver, item.id)).item.id).toBe(item.id)
    await expect(createLibraryItem(w.gold, form(), await pdf('x'))).rejects.toThrow(Forbidden)
    await expect(createLibraryItem(w.sales, form(), await pdf('x'))).rejects.toThrow(Forbidden)
    await expect(updateLibraryItem(w.silver, item.id, form())).rejects.toThrow(Forbidden)
  })
})

describe('versions', () => {
  it('keeps every file downloadable, searches the current text and tells the history', async () => {
    const w = await world()
    const item = await createLibraryItem(w.manager, form({ note: 'First edition' }), await pdf('Harga kuartal pertama aardvarkian'))
    await expect(addLibraryVersion(w.gold, item.id, await pdf('x'), 'no')).rejects.toThrow(Forbidden)
    const v2 = await addLibraryVersion(w.manager, item.id, await pdf('Harga kuartal kedua zebraesque'), 'Prices for Q2')
    expect(v2.number).toBe(2)
    const seen = await getLibraryItem(w.gold, item.id)
    expect(seen.versions.map((v) => [v.number, v.note])).toEqual([[2, 'Prices for Q2'], [1, 'First edition']])
    expect(seen.item.currentVersionId).toBe(v2.versionId)
    for (const v of seen.versions) expect((await libraryFileForDownload(w.gold, item.id, v.id)).headers['Content-Type']).toBe('application/pdf')
    // the document text of the current version is what search finds
    expect((await listLibrary(w.gold, { q: 'zebraesque' })).rows.map((r) => r.id)).toEqual([item.id])
    expect((await listLibrary(w.gold, { q: 'aardvarkian' })).total).toBe(0)
    const history = await historyFor(w.manager, 'library_item', item.id)
    expect(history.map((h) => h.text)).toEqual([expect.stringContaining('version 2: Prices for Q2'), expect.stringContaining('added the item')])
    await expect(historyFor(w.gold, 'library_item', item.id)).rejects.toThrow(NotFound)
  })

  it('refuses a file that does not fit the kind of item, and a document without a file', async () => {
    const w = await world()
    await expect(createLibraryItem(w.manager, form(), null)).rejects.toThrow(ValidationFailed)
    await expect(createLibraryItem(w.manager, form({ kind: 'image' }), await pdf('x'))).rejects.toThrow(ValidationFailed)
    const video = await createLibraryItem(w.manager, form({ kind: 'video', videoUrl: 'https://video.example/abc' }), null)
    await expect(addLibraryVersion(w.manager, video.id, await pdf('x'), 'file')).rejects.toThrow(ValidationFailed)
  })
})

describe('search', () => {
  it('ranks title matches first, highlights, pages with right counts and counts facets inside the permission filter', async () => {
    const w = await world()
    const word = `qz${Date.now().toString(36)}`
    const inTitle = await createLibraryItem(w.manager, form({ titleEn: `${word} price list`, category: 'price_list', tags: 'pricing' }), await pdf('nothing'))
    const inBody = await createLibraryItem(w.manager, form({ titleEn: 'Something else', category: 'brochure', tags: 'pricing, network' }), await pdf(`A long document that mentions ${word} once`))
    const hidden = await createLibraryItem(w.manager, form({ titleEn: `${word} internal`, audience: 'internal', category: 'other' }), await pdf('x'))
    for (let i = 0; i < 5; i++) await createLibraryItem(w.manager, form({ titleEn: `Filler ${i}`, descriptionEn: `about ${word}`, language: 'id', tags: 'filler' }), await pdf('x'))
    const page1 = await listLibrary(w.gold, { q: word, pageSize: 3 })
    expect(page1.total).toBe(7)
    expect(page1.rows).toHaveLength(3)
    expect(page1.rows[0].id).toBe(inTitle.id)
    expect(page1.rows[0].snippet).toContain(`${MARK_START}${word}${MARK_END}`)
    const page3 = await listLibrary(w.gold, { q: word, pageSize: 3, page: 3 })
    expect(page3.rows).toHaveLength(1)
    const all = [...page1.rows, ...(await listLibrary(w.gold, { q: word, pageSize: 3, page: 2 })).rows, ...page3.rows].map((r) => r.id)
    expect(new Set(all).size).toBe(7)
    expect(all).toContain(inBody.id)
    expect(all).not.toContain(hidden.id)
    // facets count what this actor may see, and each ignores its own filter
    const filtered = await listLibrary(w.gold, { q: word, category: 'price_list' })
    expect(filtered.total).toBe(1)
    expect(filtered.facets.category).toEqual(expect.arrayContaining([{ value: 'price_list', n: 1 }, { value: 'brochure', n: 6 }]))
    expect(filtered.facets.category.find((f) => f.value === 'other')).toBeUndefined()
    expect(filtered.facets.tag).toEqual([{ value: 'pricing', n: 1 }])
    expect((await listLibrary(w.gold, { q: word })).facets.language).toEqual(expect.arrayContaining([{ value: 'id', n: 5 }, { value: 'both', n: 2 }]))
    // a tag filter narrows the other facets; the tag facet itself ignores it
    const tagged = await listLibrary(w.gold, { q: word, tag: 'filler', kind: 'document' })
    expect(tagged.total).toBe(5)
    expect(tagged.facets.language).toEqual([{ value: 'id', n: 5 }])
    expect(tagged.facets.kind).toEqual([{ value: 'document', n: 5 }])
    expect(tagged.facets.tag).toEqual([{ value: 'filler', n: 5 }, { value: 'pricing', n: 2 }, { value: 'network', n: 1 }])
    expect((await listLibrary(w.gold, { q: word, tag: 'filler', language: 'both' })).total).toBe(0)
    expect((await listLibrary(w.manager, { q: word })).total).toBe(8)
    // a prefix of the last word finds it; query syntax is taken literally
    expect((await listLibrary(w.gold, { q: word.slice(0, -2) })).total).toBe(7)
    expect((await listLibrary(w.gold, { q: `"${word}" OR NEAR(` })).total).toBe(0)
  })

  it('quotes every word of a query', () => {
    expect(matchQuery('harga "AND" -brosur*')).toBe('"harga" "AND" "brosur"*')
    expect(matchQuery('  ...  ')).toBeNull()
  })

  it('reads the text of compressed and uncompressed PDFs', async () => {
    expect(extractPdfText((await pdf('Daftar harga Rp 1.500.000', true)).bytes)).toContain('Daftar harga Rp 1.500.000')
    expect(extractPdfText((await pdf('Uncompressed words', false)).bytes)).toContain('Uncompressed words')
  })
})

describe('analytics, favourites and new since the last visit', () => {
  it('counts views and downloads per organisation, and shows what changed since the previous visit', async () => {
    const w = await world()
    const item = await createLibraryItem(w.manager, form({ titleEn: 'Usage test' }), await pdf('x'))
    const seen = await getLibraryItem(w.gold, item.id)
    await libraryFileForDownload(w.gold, item.id, seen.versions[0].id)
    await libraryFileForDownload(w.gold, item.id, seen.versions[0].id)
    await getLibraryItem(w.silver, item.id)
    const usage = await libraryItemUsage(w.manager, item.id)
    const byOrg = Object.fromEntries(usage.byOrg.map((r) => [r.orgId, [r.views, r.downloads]]))
    expect(byOrg[w.gold.orgId]).toEqual([1, 2])
    expect(byOrg[w.silver.orgId]).toEqual([1, 0])
    expect(usage.weekly.at(-1)).toMatchObject({ views: 2, downloads: 2 })
    const overall = await libraryUsage(w.manager)
    expect(overall.byOrg.find((o) => o.orgId === w.gold.orgId)?.topItems[0]).toMatchObject({ id: item.id, downloads: 2 })
    await expect(libraryUsage(w.gold)).rejects.toThrow(Forbidden)
    await expect(libraryItemUsage(w.gold, item.id)).rejects.toThrow(Forbidden)

    const t0 = Date.now()
    await recordLibraryVisit(w.gold, t0 - 3 * 60 * 60_000)
    await recordLibraryVisit(w.gold, t0)
    const fresh = await listLibrary(w.gold, { newOnly: true, pageSize: 200 })
    expect(fresh.rows.map((r) => r.id)).toContain(item.id)
    expect(fresh.rows.every((r) => r.isNew)).toBe(true)
    await recordLibraryVisit(w.gold, t0 + 2 * 60 * 60_000) // a later visit: nothing new since
    expect((await listLibrary(w.gold, { newOnly: true })).rows.map((r) => r.id)).not.toContain(item.id)

    expect((await toggleFavourite(w.gold, item.id)).favourite).toBe(true)
    expect((await listLibrary(w.gold, { favourites: true })).rows.map((r) => r.id)).toEqual([item.id])
    expect((await listLibrary(w.silver, { favourites: true })).total).toBe(0)
    expect((await toggleFavourite(w.gold, item.id)).favourite).toBe(false)
    const internal = await createLibraryItem(w.manager, form({ audience: 'internal' }), await pdf('x'))
    await expect(toggleFavourite(w.gold, internal.id)).rejects.toThrow(NotFound)
    void db
  })
})
