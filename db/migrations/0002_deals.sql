CREATE TABLE `deal_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`match_type` text NOT NULL,
	`match_id` text NOT NULL,
	`match_label` text NOT NULL,
	`score` integer NOT NULL,
	`reasons` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `deal_registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_conflicts_reg_idx` ON `deal_conflicts` (`registration_id`);--> statement-breakpoint
CREATE INDEX `deal_conflicts_match_idx` ON `deal_conflicts` (`match_type`,`match_id`);--> statement-breakpoint
CREATE TABLE `deal_extensions` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`justification` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decline_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `deal_registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_extensions_reg_idx` ON `deal_extensions` (`registration_id`,`status`);--> statement-breakpoint
CREATE TABLE `deal_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`author_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `deal_registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_messages_reg_idx` ON `deal_messages` (`registration_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deal_registration_match_keys` (
	`key` text NOT NULL,
	`registration_id` text NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `deal_registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_reg_keys_key_idx` ON `deal_registration_match_keys` (`key`,`registration_id`);--> statement-breakpoint
CREATE INDEX `deal_reg_keys_reg_idx` ON `deal_registration_match_keys` (`registration_id`);--> statement-breakpoint
CREATE TABLE `deal_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`customer_name` text NOT NULL,
	`customer_website` text,
	`customer_domain` text,
	`customer_npwp` text,
	`customer_city` text,
	`customer_region` text,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`products` text NOT NULL,
	`value_minor` integer NOT NULL,
	`currency` text DEFAULT 'IDR' NOT NULL,
	`expected_close_date` text NOT NULL,
	`competitors` text,
	`notes` text,
	`rules_accepted_at` integer,
	`submitted_at` integer,
	`submission_count` integer DEFAULT 0 NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	`rejection_reason` text,
	`protected_until` integer,
	`extensions_used` integer DEFAULT 0 NOT NULL,
	`reminder_sent` integer,
	`conflict_count` integer DEFAULT 0 NOT NULL,
	`flagged_conflict` integer DEFAULT false NOT NULL,
	`account_id` text,
	`opportunity_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_reg_partner_status_idx` ON `deal_registrations` (`partner_org_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `deal_reg_status_submitted_idx` ON `deal_registrations` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `deal_reg_protected_idx` ON `deal_registrations` (`status`,`protected_until`);--> statement-breakpoint
CREATE INDEX `deal_reg_account_idx` ON `deal_registrations` (`account_id`);--> statement-breakpoint
CREATE TABLE `deal_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`protection_days` integer DEFAULT 90 NOT NULL,
	`extension_days` integer DEFAULT 30 NOT NULL,
	`max_extensions` integer DEFAULT 2 NOT NULL,
	`auto_flag_approved_match` integer DEFAULT true NOT NULL,
	`rules_text_id` text DEFAULT '' NOT NULL,
	`rules_text_en` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
