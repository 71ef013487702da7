import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core'
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
