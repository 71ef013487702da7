CREATE TABLE `catalog_import_errors` (
	`version_id` text NOT NULL,
	`row_no` integer NOT NULL,
	`column` text,
	`message_key` text NOT NULL,
	`params` text
);
--> statement-breakpoint
CREATE INDEX `catalog_import_errors_idx` ON `catalog_import_errors` (`version_id`,`row_no`);--> statement-breakpoint
CREATE TABLE `catalog_items` (
	`org_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`unit` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`min_order_qty` integer NOT NULL,
	`lead_time_days` integer,
	`category` text,
	`active` integer NOT NULL,
	`version_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `catalog_items_name_idx` ON `catalog_items` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `catalog_prices` (
	`org_id` text NOT NULL,
	`sku` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`version_id` text NOT NULL,
	`approved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalog_prices_sku_idx` ON `catalog_prices` (`org_id`,`sku`,`effective_from`);--> statement-breakpoint
CREATE TABLE `catalog_staged_lines` (
	`version_id` text NOT NULL,
	`sku` text NOT NULL,
	`row_no` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`unit` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`min_order_qty` integer NOT NULL,
	`lead_time_days` integer,
	`category` text,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`active` integer NOT NULL,
	`change` text,
	`old_price_minor` integer,
	`rejected` integer DEFAULT 0 NOT NULL,
	`comment` text,
	PRIMARY KEY(`version_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `catalog_staged_change_idx` ON `catalog_staged_lines` (`version_id`,`change`);--> statement-breakpoint
CREATE TABLE `catalog_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'importing' NOT NULL,
	`mode` text NOT NULL,
	`source` text NOT NULL,
	`file_name` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`valid_rows` integer DEFAULT 0 NOT NULL,
	`invalid_rows` integer DEFAULT 0 NOT NULL,
	`new_count` integer DEFAULT 0 NOT NULL,
	`price_up_count` integer DEFAULT 0 NOT NULL,
	`price_down_count` integer DEFAULT 0 NOT NULL,
	`changed_count` integer DEFAULT 0 NOT NULL,
	`deactivated_count` integer DEFAULT 0 NOT NULL,
	`failure` text,
	`submitted_by` text,
	`submitted_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`rejection_reason` text,
	`heartbeat_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_versions_org_idx` ON `catalog_versions` (`org_id`,`number`);--> statement-breakpoint
CREATE INDEX `catalog_versions_status_idx` ON `catalog_versions` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `supplier_api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_api_keys_hash_idx` ON `supplier_api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `supplier_api_keys_org_idx` ON `supplier_api_keys` (`org_id`);--> statement-breakpoint
CREATE TABLE `supplier_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`legal_name` text NOT NULL,
	`npwp` text NOT NULL,
	`address` text NOT NULL,
	`city` text NOT NULL,
	`categories` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`locale` text DEFAULT 'id' NOT NULL,
	`terms_accepted_at` integer NOT NULL,
	`info_request` text,
	`info_answer` text,
	`answer_token_hash` text,
	`rejection_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`org_id` text,
	`submitted_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_app_status_idx` ON `supplier_applications` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `supplier_change_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`changes` text NOT NULL,
	`requested_by` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`rejection_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_changes_idx` ON `supplier_change_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `supplier_changes_org_idx` ON `supplier_change_requests` (`org_id`);--> statement-breakpoint
CREATE TABLE `supplier_document_types` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_id` text NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`has_expiry` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `supplier_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`type_id` text NOT NULL,
	`upload_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`expires_on` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`rejection_reason` text,
	`uploaded_by` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`reminder_sent` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`type_id`) REFERENCES `supplier_document_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_documents_org_idx` ON `supplier_documents` (`org_id`,`type_id`,`status`);--> statement-breakpoint
CREATE INDEX `supplier_documents_status_idx` ON `supplier_documents` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `supplier_profiles` (
	`org_id` text PRIMARY KEY NOT NULL,
	`address` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`bank_name` text,
	`bank_account` text,
	`bank_holder` text,
	`vendor_code` text,
	`rating` integer,
	`hold_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
