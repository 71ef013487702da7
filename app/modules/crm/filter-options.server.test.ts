import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../utils/db.server'
import { makeAccount, makeActor } from '../../../tests/factories'
import { accountFilterOptions } from './crm.server'

describe('account filter options', () => {
  it('are the sorted distinct regions and industries, read by index seeks, nulls left out', async () => {
    const sales = await makeActor({ role: 'sales' })
    for (const [region, industry] of [['Bali', 'Retail'], ['Bali', null], [null, 'Banking'], ['Aceh', 'Retail'], ['Jawa Barat', 'Agri']] as const) makeAccount({ region, industry })
    const distinct = (column: string) => db.all<{ v: string }>(sql`SELECT DISTINCT ${sql.raw(column)} AS v FROM accounts WHERE ${sql.raw(column)} IS NOT NULL ORDER BY 1`).map((r) => r.v)
    const options = await accountFilterOptions(sales)
    expect(options.regions).toEqual(distinct('region'))
    expect(options.industries).toEqual(distinct('industry'))
    expect(options.regions).toEqual(expect.arrayContaining(['Aceh', 'Bali', 'Jawa Barat']))
  })
})
