import { eq } from 'drizzle-orm'
import { dealRules } from '../../../db/schema/deals'
import { mutate } from '../../kit/mutate.server'
import { db, preparedQuery, readVia, type DbOrTx } from '../../utils/db.server'
import { assertCan, type Actor } from '../auth/actor'
import type { DealRulesInput } from './deals.schema'

export type DealRules = typeof dealRules.$inferSelect

const RULES_ID = 'default'

const DEFAULT_RULES_TEXT = {
  en: 'Register a deal before you quote. An approved registration protects you for the protection period; a registration for a customer the vendor or another partner is already working with may be declined. Keep customer data confidential and use it only for this opportunity.',
  id: 'Daftarkan deal sebelum Anda memberi penawaran. Registrasi yang disetujui melindungi Anda selama masa perlindungan; registrasi untuk pelanggan yang sudah ditangani vendor atau mitra lain dapat ditolak. Jaga kerahasiaan data pelanggan dan gunakan hanya untuk peluang ini.',
}

/** The rules of engagement in force (the defaults until an admin saves their own). */
export function currentDealRules(tx: DbOrTx = db): DealRules {
  // outside a transaction (every page that shows the rules or an expiry): prepared once
  const row = readVia(tx, () => rulesQuery().get(), (t) => t.select().from(dealRules).where(eq(dealRules.id, RULES_ID)).get())
  if (row) return row
  return { id: RULES_ID, protectionDays: 90, extensionDays: 30, maxExtensions: 2, autoFlagApprovedMatch: true, rulesTextId: DEFAULT_RULES_TEXT.id, rulesTextEn: DEFAULT_RULES_TEXT.en, updatedAt: 0, updatedBy: null }
}

/** Everyone who may register or decide deals reads the rules. */
export async function getDealRules(actor: Actor): Promise<DealRules> {
  assertCan(actor, 'read:deal_registration')
  return currentDealRules()
}

export async function updateDealRules(actor: Actor, input: DealRulesInput) {
  assertCan(actor, 'manage:settings')
  await mutate(actor, (ctx) => {
    const before = currentDealRules(ctx.tx)
    const next = { ...input, updatedAt: ctx.now, updatedBy: actor.userId }
    ctx.tx.insert(dealRules).values({ id: RULES_ID, ...next }).onConflictDoUpdate({ target: dealRules.id, set: next }).run()
    ctx.audit('deal_rules', RULES_ID, 'updated', before, next)
  })
}
const rulesQuery = preparedQuery((db) => db.select().from(dealRules).where(eq(dealRules.id, RULES_ID)).prepare())
