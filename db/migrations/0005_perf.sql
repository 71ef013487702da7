CREATE TABLE `opportunity_stage_totals` (
	`stage_id` text NOT NULL,
	`currency` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`amount_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`stage_id`, `currency`),
	FOREIGN KEY (`stage_id`) REFERENCES `pipeline_stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `opportunities_account_idx`;--> statement-breakpoint
DROP INDEX `opportunities_partner_idx`;--> statement-breakpoint
CREATE INDEX `opportunities_account_updated_idx` ON `opportunities` (`account_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `opportunities_partner_currency_amount_idx` ON `opportunities` (`partner_org_id`,`currency`,`amount_minor`);--> statement-breakpoint
CREATE INDEX `accounts_region_name_idx` ON `accounts` (`region`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_name_idx` ON `accounts` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_industry_idx` ON `accounts` (`industry`);--> statement-breakpoint
-- backfill: the totals of the opportunities that exist before the writes start maintaining them
INSERT INTO `opportunity_stage_totals` (`stage_id`, `currency`, `n`, `amount_minor`)
SELECT `stage_id`, `currency`, count(*), coalesce(sum(`amount_minor`), 0) FROM `opportunities` GROUP BY `stage_id`, `currency`;
