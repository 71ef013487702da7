import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Append-only: the app has no update or delete path for this table, and a trigger in
// the migration refuses both so a bug cannot rewrite history either.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id'),
    actorOrgId: text('actor_org_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    at: integer('at').notNull(),
    // the X-Request-Id of the request that made the change (null for jobs and scripts)
    requestId: text('request_id'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId, t.at), index('audit_at_idx').on(t.at)],
)
