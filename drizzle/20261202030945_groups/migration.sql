CREATE TABLE `issue_group_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`issue_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_group_id` integer,
	`to_group_id` integer,
	`source` text NOT NULL,
	`organization_id` integer,
	`by_user_id` integer,
	`note` text,
	`at` text NOT NULL,
	CONSTRAINT `fk_issue_group_events_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_issue_group_events_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issue_group_events_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`),
	CONSTRAINT "issue_group_events_kind_check" CHECK("kind" in ('GROUPED', 'CONFIRMED', 'MOVED', 'REMOVED')),
	CONSTRAINT "issue_group_events_note_check" CHECK("note" is null or length("note") <= 500)
);
--> statement-breakpoint
CREATE TABLE `issue_group_members` (
	`issue_id` integer PRIMARY KEY,
	`group_id` integer,
	`source` text NOT NULL,
	`score` real,
	`at` text NOT NULL,
	CONSTRAINT `fk_issue_group_members_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_issue_group_members_group_id_issue_groups_id_fk` FOREIGN KEY (`group_id`) REFERENCES `issue_groups`(`id`),
	CONSTRAINT "issue_group_members_source_check" CHECK("source" in ('AUTO', 'STAFF'))
);
--> statement-breakpoint
CREATE TABLE `issue_group_stems` (
	`stem` text PRIMARY KEY,
	`problems` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `issue_group_terms` (
	`stem` text NOT NULL,
	`category` text NOT NULL,
	`issue_id` integer NOT NULL,
	`weight` real NOT NULL,
	CONSTRAINT `issue_group_terms_pk` PRIMARY KEY(`stem`, `category`, `issue_id`),
	CONSTRAINT `fk_issue_group_terms_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `issue_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`category` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`district_count` integer DEFAULT 0 NOT NULL,
	`region_count` integer DEFAULT 0 NOT NULL,
	`resolved_count` integer DEFAULT 0 NOT NULL,
	`first_raised_at` text,
	`last_raised_at` text,
	`lead_issue_id` integer,
	`updated_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_issue_groups_lead_issue_id_issues_id_fk` FOREIGN KEY (`lead_issue_id`) REFERENCES `issues`(`id`),
	CONSTRAINT "issue_groups_category_check" CHECK("category" in ('WATER_SUPPLY', 'SEWERAGE', 'ROADS', 'GAS', 'ELECTRICITY', 'HEATING', 'SCHOOLS', 'KINDERGARTENS', 'HEALTHCARE', 'HOUSING', 'PUBLIC_TRANSPORT', 'INTERNET', 'EMPLOYMENT', 'STREET_LIGHTING', 'SOCIAL_SUPPORT', 'AGRICULTURE', 'ENVIRONMENT', 'SAFETY', 'SPORTS_CULTURE', 'LAND'))
);
--> statement-breakpoint
ALTER TABLE `publication_items` ADD `group_id` integer;--> statement-breakpoint
CREATE INDEX `issue_group_events_issue_idx` ON `issue_group_events` (`issue_id`,`at`);--> statement-breakpoint
CREATE INDEX `issue_group_events_group_idx` ON `issue_group_events` (`to_group_id`,`at`);--> statement-breakpoint
CREATE INDEX `issue_group_members_group_idx` ON `issue_group_members` (`group_id`,`issue_id`);--> statement-breakpoint
CREATE INDEX `issue_group_terms_issue_idx` ON `issue_group_terms` (`issue_id`);--> statement-breakpoint
CREATE INDEX `issue_groups_size_idx` ON `issue_groups` (`size`,`id`);--> statement-breakpoint
CREATE INDEX `issue_groups_last_raised_idx` ON `issue_groups` (`last_raised_at`);