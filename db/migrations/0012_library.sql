CREATE TABLE `library_events` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`version_id` text,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `library_events_item_idx` ON `library_events` (`item_id`,`at`);--> statement-breakpoint
CREATE INDEX `library_events_org_idx` ON `library_events` (`org_id`,`at`);--> statement-breakpoint
CREATE INDEX `library_events_at_idx` ON `library_events` (`at`);--> statement-breakpoint
CREATE TABLE `library_favourites` (
	`user_id` text NOT NULL,
	`item_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `item_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `library_items` (
	`id` text PRIMARY KEY NOT NULL,
	`search_key` integer NOT NULL,
	`kind` text NOT NULL,
	`title_en` text NOT NULL,
	`title_id` text NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`description_id` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`language` text NOT NULL,
	`product` text,
	`video_url` text,
	`audience` text NOT NULL,
	`current_version_id` text,
	`version_count` integer DEFAULT 0 NOT NULL,
	`body_text` text DEFAULT '' NOT NULL,
	`created_by` text,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_items_search_key_idx` ON `library_items` (`search_key`);--> statement-breakpoint
CREATE INDEX `library_items_audience_idx` ON `library_items` (`audience`,`updated_at`);--> statement-breakpoint
CREATE INDEX `library_items_updated_idx` ON `library_items` (`updated_at`);--> statement-breakpoint
CREATE TABLE `library_kit_items` (
	`kit_id` text NOT NULL,
	`item_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`kit_id`, `item_id`),
	FOREIGN KEY (`kit_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `library_targets` (
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`item_id`, `kind`, `value`),
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_targets_value_idx` ON `library_targets` (`kind`,`value`,`item_id`);--> statement-breakpoint
CREATE TABLE `library_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`number` integer NOT NULL,
	`stored_id` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_versions_item_number_idx` ON `library_versions` (`item_id`,`number`);--> statement-breakpoint
CREATE TABLE `library_visits` (
	`user_id` text PRIMARY KEY NOT NULL,
	`last_at` integer NOT NULL,
	`previous_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `schedule_events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title_en` text NOT NULL,
	`title_id` text NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`description_id` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`location` text,
	`online_url` text,
	`owner_org_id` text NOT NULL,
	`capacity` integer,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`source` text,
	`source_id` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`reminded_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedule_events_starts_idx` ON `schedule_events` (`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_events_source_idx` ON `schedule_events` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `schedule_feed_tokens` (
	`user_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_feed_tokens_hash_idx` ON `schedule_feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `schedule_invitations` (
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`event_id`, `kind`, `value`),
	FOREIGN KEY (`event_id`) REFERENCES `schedule_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `schedule_invitations_value_idx` ON `schedule_invitations` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `schedule_rsvps` (
	`event_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`answer` text NOT NULL,
	`reminded_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `schedule_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedule_rsvps_user_idx` ON `schedule_rsvps` (`user_id`);