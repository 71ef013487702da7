import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { accounts } from '../../../db/schema'
import { matchKeyCounts } from '../../../db/schema/matching'
import { db } from '../../utils/db.server'
import { makeAccount } from '../../../tests/factories'
import { blockingKeys, wordKeys } from './company-match'
import { candidateIds, findMatchingCompanies, indexCompanyKeys, KEY_CAP, removeCompanyKeys } from './matching.server'

const count = (key: string) =>
  db.select({ n: matchKeyCounts.n }).from(matchKeyCounts).where(and(eq(matchKeyCounts.kind, 'account'), eq(matchKeyCounts.key, key))).get()?.n ?? 0

const loadAccounts = (ids: string[]) => db.select().from(accounts).all().filter((a) => ids.includes(a.id))

describe('key index with per-key row counts', () => {
  it('counts every key and word of an indexed account, and uncounts them when it is re-indexed or removed', () => {
    const name = `PT Wirabumi Kartanegara ${Date.now()}`
    const before = count('#')
    const account = makeAccount({ name, domain: 'wirabumi-kartanegara.co.id' })
    const keys = [...blockingKeys(account), ...wordKeys(account)]
    expect(count('#')).toBe(before + 1)
    for (const key of keys) expect(count(key), key).toBeGreaterThanOrEqual(1)
    const domainKey = 'd:wirabumi-kartanegara.co.id'
    expect(count(domainKey)).toBe(1)

    // renamed and moved to another domain: the old keys are uncounted, the new ones counted
    db.transaction((tx) => indexCompanyKeys(tx, 'account', account.id, { name, domain: 'wk-group.co.id' }))
    expect(count(domainKey)).toBe(0)
    expect(count('d:wk-group.co.id')).toBe(1)
    expect(count('#')).toBe(before + 1)

    db.transaction((tx) => removeCompanyKeys(tx, 'account', account.id))
    expect(count('d:wk-group.co.id')).toBe(0)
    expect(count('#')).toBe(before)
  })

  it('finds a retyped name through the index and weighs it with the counted words', () => {
    const account = makeAccount({ name: 'PT Tjandrakirana Wisesa Systems' })
    const found = findMatchingCompanies('account', { name: 'Candrakirana Wisesa Sistem Cabang Bekasi' }, loadAccounts)
    expect(found.map((m) => m.record.id)).toContain(account.id)
  })

  it('never reads a key that more than KEY_CAP accounts share', () => {
    // KEY_CAP + 1 accounts sharing one domain: that key says nothing any more and is skipped unread
    const domain = `shared-${Date.now()}.co.id`
    db.transaction((tx) => {
      for (let i = 0; i <= KEY_CAP; i++) makeAccount({ name: `Akun Bersama ${i} Xq${i}z`, domain }, tx)
    })
    expect(count(`d:${domain}`)).toBe(KEY_CAP + 1)
    expect(candidateIds('account', { name: 'Nama Lain Sekali', domain })).toEqual([])
  })
})
