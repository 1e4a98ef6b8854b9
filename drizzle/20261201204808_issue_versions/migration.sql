ALTER TABLE `issue_updates` ADD `version` integer;--> statement-breakpoint
ALTER TABLE `issues` ADD `version` integer DEFAULT 1 NOT NULL;