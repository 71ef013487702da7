DROP INDEX `opportunities_partner_closed_idx`;--> statement-breakpoint
DROP INDEX `opportunities_partner_created_idx`;--> statement-breakpoint
CREATE INDEX `opportunities_partner_closed_cover_idx` ON `opportunities` (`partner_org_id`,`closed_at`,`currency`,`stage_id`,`amount_minor`);--> statement-breakpoint
CREATE INDEX `opportunities_partner_created_cover_idx` ON `opportunities` (`partner_org_id`,`created_at`,`currency`,`amount_minor`);