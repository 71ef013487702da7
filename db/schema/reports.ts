import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './orgs'

/** Hours a kind of approval may wait for the vendor before it is overdue (admin setting). */
export const approvalSlas = sqliteTable('approval_slas', {
  kind: text('kind').primaryKey(),
  hours: integer('hours').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
})

/**
 * One row per breach escalated: the item and the moment it started waiting, so the job notifies
 * once per breach, and again if the item is resubmitted and overdue once more.
 */
export const approvalEscalations = sqliteTable(
  'approval_escalations',
  {
    kind: text('kind').notNull(),
    itemId: text('item_id').notNull(),
    waitingSince: integer('waiting_since').notNull(),
    escalatedAt: integer('escalated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.itemId, t.waitingSince] })],
)
