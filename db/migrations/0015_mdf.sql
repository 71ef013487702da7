CREATE TABLE `mdf_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`fund_id` text NOT NULL,
	`org_id` text NOT NULL,
	`basis` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mdf_allocations_fund_org` ON `mdf_allocations` (`fund_id`,`org_id`);--> statement-breakpoint
CREATE INDEX `mdf_allocations_org` ON `mdf_allocations` (`org_id`);--> statement-breakpoint
CREATE TABLE `mdf_claim_files` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`upload_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `mdf_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_claim_files_claim` ON `mdf_claim_files` (`claim_id`);--> statement-breakpoint
CREATE TABLE `mdf_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`currency` text NOT NULL,
	`actual_cost_minor` integer NOT NULL,
	`claimed_minor` integer NOT NULL,
	`approved_minor` integer,
	`leads` integer DEFAULT 0 NOT NULL,
	`attendees` integer DEFAULT 0 NOT NULL,
	`pipeline_minor` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`question` text,
	`decision_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`submitted_at` integer NOT NULL,
	`payout_method` text,
	`payout_reference` text,
	`payout_attempts` integer DEFAULT 0 NOT NULL,
	`payout_error` text,
	`paid_at` integer,
	`paid_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `mdf_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mdf_claims_request` ON `mdf_claims` (`request_id`);--> statement-breakpoint
CREATE INDEX `mdf_claims_org` ON `mdf_claims` (`org_id`);--> statement-breakpoint
CREATE INDEX `mdf_claims_status_submitted` ON `mdf_claims` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `mdf_funds` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`period_type` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`currency` text DEFAULT 'IDR' NOT NULL,
	`budget_minor` integer NOT NULL,
	`max_share_pct` integer DEFAULT 50 NOT NULL,
	`claim_deadline_days` integer DEFAULT 60 NOT NULL,
	`accrual_bps` integer,
	`tier_amounts` text,
	`expired_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mdf_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`fund_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`request_id` text,
	`claim_id` text,
	`actor_id` text,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `mdf_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `mdf_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_ledger_org_fund` ON `mdf_ledger` (`org_id`,`fund_id`,`kind`);--> statement-breakpoint
CREATE INDEX `mdf_ledger_fund_time` ON `mdf_ledger` (`fund_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mdf_payout_accounts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`stripe_account_id` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mdf_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`fund_id` text NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`activity_type` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`expected_leads` integer DEFAULT 0 NOT NULL,
	`expected_pipeline_minor` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`cost_minor` integer NOT NULL,
	`requested_minor` integer NOT NULL,
	`approved_minor` integer,
	`question` text,
	`decision_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`submitted_at` integer,
	`claim_due_on` text,
	`reminder_sent` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_requests_org_status` ON `mdf_requests` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `mdf_requests_status_submitted` ON `mdf_requests` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `mdf_requests_fund` ON `mdf_requests` (`fund_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mdf_requests_number` ON `mdf_requests` (`number`);--> statement-breakpoint
CREATE TABLE `mdf_stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`claim_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mdf_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `mdf_claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_transfers_claim` ON `mdf_transfers` (`claim_id`);