CREATE TABLE `mdf_fund_totals` (
	`fund_id` text NOT NULL,
	`kind` text NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`fund_id`, `kind`),
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `mdf_fund_totals` (`fund_id`, `kind`, `total_minor`) SELECT `fund_id`, `kind`, sum(`amount_minor`) FROM `mdf_ledger` GROUP BY `fund_id`, `kind`;
