ALTER TABLE `collection_round_items` ADD `unit_id` integer NOT NULL REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `collection_round_items` ADD `resolution_plan` text;--> statement-breakpoint
ALTER TABLE `collection_round_items` ADD `raised_at` text NOT NULL;--> statement-breakpoint
ALTER TABLE `publication_bodies` ADD `changes` text NOT NULL;--> statement-breakpoint
ALTER TABLE `publication_items` ADD `public_note` text;--> statement-breakpoint
ALTER TABLE `publication_items` ADD `previous_status` text;--> statement-breakpoint
ALTER TABLE `publication_items` ADD `previous_due_date` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `previous_publication_id` integer REFERENCES publications(id);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_publication_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`publication_id` integer NOT NULL,
	`issue_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`category` text NOT NULL,
	`language` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`resolution_plan` text,
	`due_date` text,
	`progress` integer NOT NULL,
	`overdue` integer NOT NULL,
	`raised_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`public_note` text,
	`history` text NOT NULL,
	`change` text NOT NULL,
	`deadline_drift_days` integer,
	`previous_status` text,
	`previous_due_date` text,
	CONSTRAINT `fk_publication_items_publication_id_publications_id_fk` FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_publication_items_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`),
	CONSTRAINT `fk_publication_items_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_publication_items_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_publication_items_unit_id_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT "publication_items_change_check" CHECK("change" in ('NEW', 'STATUS_CHANGED', 'RESOLVED', 'BECAME_OVERDUE', 'DEADLINE_MOVED', 'UNCHANGED')),
	CONSTRAINT "publication_items_status_check" CHECK("status" in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'DECLINED'))
);
--> statement-breakpoint
INSERT INTO `__new_publication_items`(`id`, `publication_id`, `issue_id`, `organization_id`, `region_id`, `unit_id`, `category`, `language`, `title`, `text`, `status`, `resolution_plan`, `due_date`, `progress`, `overdue`, `raised_at`, `updated_at`, `history`, `change`, `deadline_drift_days`) SELECT `id`, `publication_id`, `issue_id`, `organization_id`, `region_id`, `unit_id`, `category`, `language`, `title`, `text`, `status`, `resolution_plan`, `due_date`, `progress`, `overdue`, `raised_at`, `updated_at`, `history`, `change`, `deadline_drift_days` FROM `publication_items`;--> statement-breakpoint
DROP TABLE `publication_items`;--> statement-breakpoint
ALTER TABLE `__new_publication_items` RENAME TO `publication_items`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `publication_items_issue_idx` ON `publication_items` (`publication_id`,`issue_id`);--> statement-breakpoint
CREATE INDEX `publication_items_org_idx` ON `publication_items` (`publication_id`,`organization_id`);