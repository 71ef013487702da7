CREATE TABLE `training_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`certification_id` text NOT NULL,
	`certification_version` integer NOT NULL,
	`question_ids` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`submitted_at` integer,
	`answers` text,
	`outcome` text,
	`score_pct` integer,
	`passed` integer,
	`late` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_attempts_user_cert_idx` ON `training_attempts` (`user_id`,`certification_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `training_attempts_cert_idx` ON `training_attempts` (`certification_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `training_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`certification_id` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`source` text NOT NULL,
	`attempt_id` text,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`reason` text,
	`reminder_sent` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_certificates_code_idx` ON `training_certificates` (`code`);--> statement-breakpoint
CREATE INDEX `training_certificates_org_idx` ON `training_certificates` (`org_id`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `training_certificates_user_idx` ON `training_certificates` (`user_id`,`certification_id`);--> statement-breakpoint
CREATE INDEX `training_certificates_status_expiry_idx` ON `training_certificates` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `training_certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_course_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`content` text NOT NULL,
	`certification` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_course_versions_idx` ON `training_course_versions` (`course_id`,`version`);--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`content` text NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_enrolments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`course_id` text NOT NULL,
	`completed_modules` text NOT NULL,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrolments_user_course_idx` ON `training_enrolments` (`user_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `training_tier_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`from_tier` text,
	`to_tier` text NOT NULL,
	`reasons` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_tier_changes_org_idx` ON `training_tier_changes` (`org_id`,`at`);--> statement-breakpoint
CREATE TABLE `training_tier_rules` (
	`tier` text PRIMARY KEY NOT NULL,
	`criteria` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_tier_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`grace_days` integer DEFAULT 30 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_tier_status` (
	`org_id` text PRIMARY KEY NOT NULL,
	`pending_tier` text,
	`pending_since` integer,
	`evaluated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
