CREATE TABLE `opportunity_month_totals` (
	`month` text NOT NULL,
	`partner_key` text NOT NULL,
	`currency` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`amount_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `partner_key`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `opportunity_partner_totals` (
	`partner_key` text NOT NULL,
	`stage_id` text NOT NULL,
	`currency` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`amount_minor` integer DEFAULT 0 NOT NULL,
	`cycle_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`partner_key`, `stage_id`, `currency`),
	FOREIGN KEY (`stage_id`) REFERENCES `pipeline_stages`(`id`) ON UPDATE no action ON DELETE no action
);
