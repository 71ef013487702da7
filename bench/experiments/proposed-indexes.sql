-- Indexes proposed for the app's schema (db/schema/crm.ts), measured with
--   npm run bench -- --scale L --apply bench/experiments/proposed-indexes.sql
-- The harness runs this on its own copy of the dataset only; the app's migrations are not touched.

-- vendorDashboard "by stage": without it SQLite builds an automatic index over every opportunity on every request;
-- "open pipeline" scans the whole table. Covering (id too, for count(opportunities.id)): the sums never read the table.
CREATE INDEX IF NOT EXISTS opportunities_stage_currency_amount_idx ON opportunities (stage_id, currency, amount_minor, id);

-- organisationHome: a partner's count and sum read every row of the partner from the table; covering, they do not.
CREATE INDEX IF NOT EXISTS opportunities_partner_currency_amount_idx ON opportunities (partner_org_id, currency, amount_minor);

-- listAccounts with a region filter sorted by name: the page comes off the index in order (no sort of the region).
CREATE INDEX IF NOT EXISTS accounts_region_name_idx ON accounts (region, name, id);

-- accountFilterOptions: DISTINCT industry scans the table without it.
CREATE INDEX IF NOT EXISTS accounts_industry_idx ON accounts (industry);
