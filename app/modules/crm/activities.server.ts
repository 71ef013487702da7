import { eq } from 'drizzle-orm'
import { accounts, activities, contacts, leads, opportunities } from '../../../db/schema/crm'
import { mutate } from '../../kit/mutate.server'
import { NotFound } from '../../utils/errors'
import { newId } from '../../utils/ids'
import type { Actor } from '../auth/actor'
import { assertCrmWrite } from './access.server'
import type { ActivityInput } from './crm.schema'

const ENTITY_TABLES = { account: accounts, contact: contacts, lead: leads, opportunity: opportunities } as const

/** Logs a note, call, email, meeting or task against any core record. */
export async function addActivity(actor: Actor, entityType: keyof typeof ENTITY_TABLES, entityId: string, input: ActivityInput) {
  assertCrmWrite(actor, true)
  return mutate(actor, (ctx) => {
    const table = ENTITY_TABLES[entityType]
    const record = ctx.tx.select().from(table).where(eq(table.id, entityId)).get() as { id: string; accountId?: string | null } | undefined
    if (!record) throw new NotFound()
    const accountId = entityType === 'account' ? record.id : (record.accountId ?? null)
    const row = { id: newId(), ...input, entityType, entityId, accountId, authorId: actor.userId, createdAt: ctx.now }
    ctx.tx.insert(activities).values(row).run()
    ctx.audit(entityType, entityId, 'activity_added', null, { kind: input.kind, subject: input.subject })
    return row
  })
}
