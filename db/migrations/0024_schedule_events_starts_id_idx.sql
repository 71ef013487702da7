DROP INDEX `schedule_events_starts_idx`;--> statement-breakpoint
CREATE INDEX `schedule_events_starts_idx` ON `schedule_events` (`starts_at`,`id`);