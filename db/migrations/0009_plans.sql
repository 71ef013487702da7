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
--> statement-breakpoint
CREATE TABLE `business_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`currency` text DEFAULT 'IDR' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`strengths` text DEFAULT '' NOT NULL,
	`weaknesses` text DEFAULT '' NOT NULL,
	`opportunities` text DEFAULT '' NOT NULL,
	`threats` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`vendor_signed_by` text,
	`vendor_signed_at` integer,
	`partner_signed_by` text,
	`partner_signed_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_plans_partner_year_idx` ON `business_plans` (`partner_org_id`,`year`);--> statement-breakpoint
CREATE INDEX `business_plans_year_idx` ON `business_plans` (`year`);--> statement-breakpoint
CREATE TABLE `plan_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `business_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_comments_plan_idx` ON `plan_comments` (`plan_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `plan_initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`budget_minor` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `business_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_initiatives_plan_idx` ON `plan_initiatives` (`plan_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `plan_objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`measure` text NOT NULL,
	`title` text NOT NULL,
	`q1` integer DEFAULT 0 NOT NULL,
	`q2` integer DEFAULT 0 NOT NULL,
	`q3` integer DEFAULT 0 NOT NULL,
	`q4` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `business_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_objectives_plan_idx` ON `plan_objectives` (`plan_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `plan_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`quarter` integer NOT NULL,
	`held_on` text NOT NULL,
	`discussed` text NOT NULL,
	`decisions` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `business_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_reviews_plan_idx` ON `plan_reviews` (`plan_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`vendor_signed_by` text,
	`partner_signed_by` text,
	`signed_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `business_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vendor_signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_plan_version_idx` ON `plan_versions` (`plan_id`,`version`);--> statement-breakpoint
CREATE TABLE `approval_escalations` (
	`kind` text NOT NULL,
	`item_id` text NOT NULL,
	`waiting_since` integer NOT NULL,
	`escalated_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `item_id`, `waiting_since`)
);
--> statement-breakpoint
CREATE TABLE `approval_slas` (
	`kind` text PRIMARY KEY NOT NULL,
	`hours` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `opportunities` ADD `closed_at` integer;--> statement-breakpoint
CREATE INDEX `opportunities_partner_closed_idx` ON `opportunities` (`partner_org_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `opportunities_partner_created_idx` ON `opportunities` (`partner_org_id`,`created_at`);