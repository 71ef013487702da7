CREATE INDEX `mdf_requests_created` ON `mdf_requests` (`created_at`,`number`);--> statement-breakpoint
CREATE INDEX `mdf_requests_org_created` ON `mdf_requests` (`org_id`,`created_at`,`number`);