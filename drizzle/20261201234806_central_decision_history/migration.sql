ALTER TABLE `issue_updates` ADD `central_decision_before` integer;--> statement-breakpoint
ALTER TABLE `issue_updates` ADD `central_decision_after` integer;--> statement-breakpoint
ALTER TABLE `issue_updates` ADD `central_decision_proposal` text;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_issue_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`issue_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`organization_id` integer,
	`status_before` text,
	`status_after` text NOT NULL,
	`progress` integer,
	`due_date_before` text,
	`due_date_after` text,
	`public_note` text,
	`central_decision_before` integer,
	`central_decision_after` integer,
	`central_decision_proposal` text,
	`at` text NOT NULL,
	`by_user_id` integer,
	`version` integer,
	CONSTRAINT `fk_issue_updates_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_issue_updates_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issue_updates_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`),
	CONSTRAINT "issue_updates_kind_check" CHECK("kind" in ('RECORDED', 'ASSIGNED', 'TRANSFERRED', 'PROGRESS', 'CONFIRMED', 'DISPUTED', 'CENTRAL_DECISION')),
	CONSTRAINT "issue_updates_actor_check" CHECK("actor" in ('ORGANIZATION', 'CITIZEN', 'SYSTEM'))
);
--> statement-breakpoint
INSERT INTO `__new_issue_updates`(`id`, `issue_id`, `kind`, `actor`, `organization_id`, `status_before`, `status_after`, `progress`, `due_date_before`, `due_date_after`, `public_note`, `at`, `by_user_id`, `version`) SELECT `id`, `issue_id`, `kind`, `actor`, `organization_id`, `status_before`, `status_after`, `progress`, `due_date_before`, `due_date_after`, `public_note`, `at`, `by_user_id`, `version` FROM `issue_updates`;--> statement-breakpoint
DROP TABLE `issue_updates`;--> statement-breakpoint
ALTER TABLE `__new_issue_updates` RENAME TO `issue_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `issue_updates_issue_at_idx` ON `issue_updates` (`issue_id`,`at`);--> statement-breakpoint
CREATE INDEX `issue_updates_central_idx` ON `issue_updates` (`issue_id`) WHERE "issue_updates"."central_decision_after" is not null;