CREATE TABLE `lead_band_counts` (
	`band` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `lead_band_counts` (`band`, `n`) SELECT CASE WHEN `score` >= 70 THEN 'hot' WHEN `score` >= 40 THEN 'warm' ELSE 'junk' END, count(*) FROM `leads` WHERE `status` NOT IN ('converted', 'disqualified') GROUP BY 1;
