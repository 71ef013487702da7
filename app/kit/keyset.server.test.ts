import { describe, expect, it } from 'vitest'
import { makeAccount, makeActor } from '../../tests/factories'
import { listAccounts } from '../modules/crm/crm.server'
import { decodeCursor, encodeCursor, keysetPaginate } from './keyset.server'
import { COUNT_CAP, pageInfo } from './paginate'

describe('keyset pages', () => {
  it('walks a list forward and back by cursors, giving exactly the rows the offset pages give', async () => {
    const reader = await makeActor({ role: 'sales' })
    const tag = `Keyset${Date.now()}`
    // names that collide, so the id breaks ties
    for (let i = 0; i < 23; i++) makeAccount({ name: `PT ${tag} ${String(i % 7).padStart(2, '0')}` })
    for (const dir of ['asc', 'desc'] as const) {
      const byOffset = []
      for (let p = 1; p <= 5; p++) byOffset.push((await listAccounts(reader, { q: tag, dir, page: p, pageSize: 5 })).rows.map((r) => r.id))
      const first = await listAccounts(reader, { q: tag, dir, pageSize: 5 })
      expect(first.total).toBe(23)
      let current = first
      const walked = [first.rows.map((r) => r.id)]
      for (let p = 2; p <= 5; p++) {
        current = await listAccounts(reader, { q: tag, dir, page: p, pageSize: 5, after: current.cursors!.next })
        walked.push(current.rows.map((r) => r.id))
      }
      expect(walked).toEqual(byOffset)
      expect(current.cursors!.next).toBeNull() // the last page (3 rows) has no next
      const back = await listAccounts(reader, { q: tag, dir, page: 4, pageSize: 5, before: current.cursors!.prev })
      expect(back.rows.map((r) => r.id)).toEqual(byOffset[3])
    }
  })

  it('stops counting at the cap and says "more than" instead', () => {
    const page = keysetPaginate({ pageSize: 25 }, { rows: () => Array.from({ length: 25 }, (_, i) => ({ id: String(i) })), key: (r) => [r.id, r.id], countUpTo: (cap) => Math.min(cap, 1_000_000) })
    expect(page).toMatchObject({ total: COUNT_CAP, totalIsCapped: true })
    expect(page.cursors!.next).not.toBeNull()
    expect(pageInfo(page)).toMatchObject({ pages: null, from: 1, to: 25, next: 2 })
  })

  it('treats a damaged or forged cursor as none', () => {
    expect(decodeCursor('not base64 json')).toBeNull()
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull()
    expect(decodeCursor(encodeCursor(['PT A', 'id1']))).toEqual(['PT A', 'id1'])
  })
})
