ALTER TABLE `job_locks` ADD `pid` integer;--> statement-breakpoint
ALTER TABLE `job_locks` ADD `hostname` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `figures` text;--> statement-breakpoint
DROP INDEX IF EXISTS `publication_items_org_idx`;--> statement-breakpoint
CREATE INDEX `publication_items_org_issue_idx` ON `publication_items` (`publication_id`,`organization_id`,`issue_id`);--> statement-breakpoint
CREATE INDEX `publication_items_raised_idx` ON `publication_items` (`publication_id`,`raised_at`,`issue_id`);