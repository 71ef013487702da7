import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Counters of the abuse limits (app/modules/limits). The layout is rate-limiter-flexible's
// RateLimiterSQLite table, created by migration 0004_ops so the library never creates tables itself.
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    points: integer('points').notNull().default(0),
    expire: integer('expire'),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
)
