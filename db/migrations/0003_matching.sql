CREATE TABLE `match_key_counts` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`kind`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `match_key_counts` (`kind`, `key`, `n`) SELECT 'account', `key`, count(*) FROM `account_match_keys` GROUP BY `key`;--> statement-breakpoint
INSERT INTO `match_key_counts` (`kind`, `key`, `n`) SELECT 'account', '#', count(*) FROM `accounts`;--> statement-breakpoint
INSERT INTO `match_key_counts` (`kind`, `key`, `n`) SELECT 'registration', `key`, count(*) FROM `deal_registration_match_keys` GROUP BY `key`;--> statement-breakpoint
INSERT INTO `match_key_counts` (`kind`, `key`, `n`) SELECT 'registration', '#', count(DISTINCT `registration_id`) FROM `deal_registration_match_keys`;
