CREATE INDEX `schedule_events_owner_idx` ON `schedule_events` (`owner_org_id`);--> statement-breakpoint
CREATE INDEX `schedule_events_creator_idx` ON `schedule_events` (`created_by`);