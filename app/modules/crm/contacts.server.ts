import { asc, count, desc, eq, sql } from 'drizzle-orm'
import { accounts, contacts } from '../../../db/schema/crm'
import { mutate } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { db, type DbOrTx } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { contains } from '../../utils/sql'
import { changedFields } from '../audit/audit.server'
import type { Actor } from '../auth/actor'
import { assertCrmRead, assertCrmRecord, assertCrmWrite } from './access.server'
import type { ContactInput } from './crm.schema'

export type Contact = typeof contacts.$inferSelect

export function assertAccountExists(tx: DbOrTx, accountId: string | null) {
  if (accountId && !tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).get()) {
    throw new ValidationFailed('accountId', 'errors.accountUnknown')
  }
}

export const CONTACT_SORTS = ['name', 'account', 'updatedAt'] as const

export async function listContacts(actor: Actor, opts: { q?: string; page?: number; sort?: (typeof CONTACT_SORTS)[number]; dir?: 'asc' | 'desc'; accountId?: string }) {
  assertCrmRead(actor)
  const conditions = [opts.q ? sql`(${contains(contacts.firstName, opts.q)} OR ${contains(contacts.lastName, opts.q)} OR ${contains(contacts.email, opts.q)})` : undefined, opts.accountId ? eq(contacts.accountId, opts.accountId) : undefined].filter(Boolean)
  const where = conditions.length ? sql.join(conditions as ReturnType<typeof sql>[], sql` AND `) : undefined
  const by = opts.dir === 'desc' ? desc : asc
  // people read a contact list by full name as it is shown: first name, then last name
  const order = { name: [by(contacts.firstName), by(contacts.lastName)], account: [by(accounts.name)], updatedAt: [by(contacts.updatedAt)] }[opts.sort ?? 'name']
  return paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone, title: contacts.title, accountId: contacts.accountId, accountName: accounts.name })
        .from(contacts)
        .leftJoin(accounts, eq(accounts.id, contacts.accountId))
        .where(where)
        .orderBy(...order, asc(contacts.id))
        .limit(limit)
        .offset(offset)
        .all(),
    count: () => db.select({ n: count() }).from(contacts).where(where).get()?.n ?? 0,
  })
}

export async function getContact(actor: Actor, id: string): Promise<Contact> {
  assertCrmRecord(actor)
  const row = db.select().from(contacts).where(eq(contacts.id, id)).get()
  if (!row) throw new NotFound()
  return row
}

export async function createContact(actor: Actor, input: ContactInput): Promise<Contact> {
  assertCrmWrite(actor)
  return mutate(actor, (ctx) => {
    assertAccountExists(ctx.tx, input.accountId)
    const row = { id: newId(), ...input, ownerId: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
    ctx.tx.insert(contacts).values(row).run()
    ctx.audit('contact', row.id, 'created', null, { firstName: row.firstName, lastName: row.lastName })
    return row as Contact
  })
}

export async function updateContact(actor: Actor, id: string, input: ContactInput) {
  assertCrmWrite(actor, true)
  await mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(contacts).where(eq(contacts.id, id)).get()
    if (!before) throw new NotFound()
    assertAccountExists(ctx.tx, input.accountId)
    ctx.tx.update(contacts).set({ ...input, updatedAt: ctx.now }).where(eq(contacts.id, id)).run()
    const diff = changedFields(before, input)
    if (diff.changed) ctx.audit('contact', id, 'updated', diff.before, diff.after)
  })
}
