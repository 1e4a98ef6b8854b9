CREATE INDEX `meetings_start_idx` ON `meetings` (`planned_start_at`);--> statement-breakpoint
CREATE INDEX `meetings_unit_start_idx` ON `meetings` (`unit_id`,`planned_start_at`);--> statement-breakpoint
CREATE INDEX `issues_updated_idx` ON `issues` (`updated_at`);--> statement-breakpoint
CREATE INDEX `issues_due_status_idx` ON `issues` (`due_date`,`status`);--> statement-breakpoint
CREATE INDEX `issues_region_raised_idx` ON `issues` (`region_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `issues_region_due_idx` ON `issues` (`region_id`,`due_date`,`status`);--> statement-breakpoint
CREATE INDEX `issues_region_updated_idx` ON `issues` (`region_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `issues_responsible_raised_idx` ON `issues` (`responsible_organization_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `issues_responsible_due_idx` ON `issues` (`responsible_organization_id`,`due_date`,`status`);--> statement-breakpoint
CREATE INDEX `issues_responsible_updated_idx` ON `issues` (`responsible_organization_id`,`updated_at`);