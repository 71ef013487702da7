import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { accounts } from './crm'
import { dealRegistrations } from './deals'

// Owned by app/modules/matching. The records themselves stay in their modules; these
// tables only say under which selective keys each record can be found.

// Conflict-detection index: each account is stored under a handful of selective keys
// (name tokens, typo-tolerant skeletons, domain, NPWP) so a lookup reads a few short
// posting lists instead of scanning every account.
export const accountMatchKeys = sqliteTable(
  'account_match_keys',
  {
    key: text('key').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [index('account_match_keys_key_idx').on(t.key, t.accountId), index('account_match_keys_account_idx').on(t.accountId)],
)

// The same selective keys as accounts, so a new registration finds other partners' open claims.
export const dealRegistrationMatchKeys = sqliteTable(
  'deal_registration_match_keys',
  {
    key: text('key').notNull(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
  },
  (t) => [index('deal_reg_keys_key_idx').on(t.key, t.registrationId), index('deal_reg_keys_reg_idx').on(t.registrationId)],
)

// Row counts per key, per kind of record, kept in step with the two key tables by
// indexCompanyKeys/removeCompanyKeys. Two uses: a lookup reads the most selective keys first
// and never reads the postings of a key it already knows is too common; and the word keys
// (`w:<word>`) give how many accounts use each word, the rarity statistics the scorer weighs
// names with. The row with key '#' counts the records themselves.
export const matchKeyCounts = sqliteTable(
  'match_key_counts',
  {
    kind: text('kind', { enum: ['account', 'registration'] }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
)
