-- issue 18 (hand-written): the request id on audit rows, and the table behind the abuse limits
-- (rate-limiter-flexible's RateLimiterSQLite layout, so every app server sharing this database shares the counters).
ALTER TABLE `audit_log` ADD `request_id` text;
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
--> statement-breakpoint
CREATE INDEX `rate_limits_expire_idx` ON `rate_limits` (`expire`);
