-- The maintained totals per source and per creation month, from the opportunities as they are (0005 did the same for stages).
INSERT INTO `opportunity_partner_totals` (`partner_key`, `stage_id`, `currency`, `n`, `amount_minor`, `cycle_ms`)
SELECT coalesce(`partner_org_id`, ''), `stage_id`, `currency`, count(*), coalesce(sum(`amount_minor`), 0),
       coalesce(sum(CASE WHEN `closed_at` IS NOT NULL AND `closed_at` > `created_at` THEN `closed_at` - `created_at` ELSE 0 END), 0)
FROM `opportunities` GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `opportunity_month_totals` (`month`, `partner_key`, `currency`, `n`, `amount_minor`)
SELECT strftime('%Y-%m', (`created_at` + 25200000) / 1000, 'unixepoch'), coalesce(`partner_org_id`, ''), `currency`, count(*), coalesce(sum(`amount_minor`), 0)
FROM `opportunities` GROUP BY 1, 2, 3;
