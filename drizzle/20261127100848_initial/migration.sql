CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`code` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`parent_id` integer,
	`region_id` integer,
	`name_kk` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	CONSTRAINT `fk_units_parent_id_units_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_units_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT "units_kind_check" CHECK("kind" in ('OBLAST', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'CITY_DISTRICT', 'TOWN', 'RURAL_OKRUG', 'VILLAGE')),
	CONSTRAINT "units_region_shape_check" CHECK(("kind" in ('OBLAST', 'CITY_REPUBLICAN')) = ("parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE `organization_categories` (
	`organization_id` integer NOT NULL,
	`category` text NOT NULL,
	CONSTRAINT `organization_categories_pk` PRIMARY KEY(`organization_id`, `category`),
	CONSTRAINT `fk_organization_categories_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
	CONSTRAINT "organization_categories_category_check" CHECK("category" in ('WATER_SUPPLY', 'SEWERAGE', 'ROADS', 'GAS', 'ELECTRICITY', 'HEATING', 'SCHOOLS', 'KINDERGARTENS', 'HEALTHCARE', 'HOUSING', 'PUBLIC_TRANSPORT', 'INTERNET', 'EMPLOYMENT', 'STREET_LIGHTING', 'SOCIAL_SUPPORT', 'AGRICULTURE', 'ENVIRONMENT', 'SAFETY', 'SPORTS_CULTURE', 'LAND'))
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`code` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`unit_id` integer,
	`name_kk` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	`short_name_kk` text,
	`short_name_ru` text,
	`short_name_en` text,
	`website` text,
	CONSTRAINT `fk_organizations_unit_id_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT "organizations_kind_check" CHECK("kind" in ('CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY', 'LOCAL_EXECUTIVE_BODY')),
	CONSTRAINT "organizations_akimat_unit_check" CHECK(("kind" = 'LOCAL_EXECUTIVE_BODY') = ("unit_id" is not null))
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL UNIQUE,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	CONSTRAINT `fk_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`email` text NOT NULL UNIQUE,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`organization_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`disabled_at` text,
	CONSTRAINT `fk_users_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT "users_role_check" CHECK("role" in ('ADMIN', 'AKIMAT_STAFF', 'ORGANIZATION_STAFF', 'GOVERNMENT_STAFF')),
	CONSTRAINT "users_scope_check" CHECK(("role" in ('AKIMAT_STAFF', 'ORGANIZATION_STAFF')) = ("organization_id" is not null)),
	CONSTRAINT "users_email_lower_check" CHECK("email" = lower("email"))
);
--> statement-breakpoint
CREATE TABLE `calendar_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`calendar_id` integer NOT NULL,
	`akim_level` text NOT NULL,
	`akim_unit_id` integer NOT NULL,
	`visited_unit_id` integer NOT NULL,
	`planned_from` text NOT NULL,
	`planned_to` text NOT NULL,
	`added_in_revision` integer DEFAULT 1 NOT NULL,
	`removed_in_revision` integer,
	CONSTRAINT `fk_calendar_entries_calendar_id_calendars_id_fk` FOREIGN KEY (`calendar_id`) REFERENCES `calendars`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_calendar_entries_akim_unit_id_units_id_fk` FOREIGN KEY (`akim_unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_calendar_entries_visited_unit_id_units_id_fk` FOREIGN KEY (`visited_unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT "calendar_entries_level_check" CHECK("akim_level" in ('REGION', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'TOWN', 'RURAL_OKRUG')),
	CONSTRAINT "calendar_entries_from_check" CHECK("planned_from" is null or ("planned_from" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("planned_from") = "planned_from")),
	CONSTRAINT "calendar_entries_to_check" CHECK("planned_to" is null or ("planned_to" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("planned_to") = "planned_to")),
	CONSTRAINT "calendar_entries_range_check" CHECK("planned_to" >= "planned_from"),
	CONSTRAINT "calendar_entries_revision_check" CHECK("removed_in_revision" is null or "removed_in_revision" > "added_in_revision")
);
--> statement-breakpoint
CREATE TABLE `calendar_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`calendar_id` integer NOT NULL,
	`number` integer NOT NULL,
	`reason` text,
	`maslikhat_notified_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`by_user_id` integer,
	CONSTRAINT `fk_calendar_revisions_calendar_id_calendars_id_fk` FOREIGN KEY (`calendar_id`) REFERENCES `calendars`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_calendar_revisions_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`)
);
--> statement-breakpoint
CREATE TABLE `calendar_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`calendar_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`at` text NOT NULL,
	`due_at` text,
	`late_by_minutes` integer DEFAULT 0 NOT NULL,
	`by_user_id` integer,
	CONSTRAINT `fk_calendar_transitions_calendar_id_calendars_id_fk` FOREIGN KEY (`calendar_id`) REFERENCES `calendars`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_calendar_transitions_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`)
);
--> statement-breakpoint
CREATE TABLE `calendars` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`region_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text DEFAULT 'DRAFT' NOT NULL,
	`current_revision` integer DEFAULT 1 NOT NULL,
	`maslikhat_agreed_on` text,
	`maslikhat_notified_on` text,
	`approved_at` text,
	`submitted_at` text,
	`forwarded_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_calendars_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT "calendars_status_check" CHECK("status" in ('DRAFT', 'APPROVED', 'SUBMITTED_TO_GOVERNMENT', 'FORWARDED_TO_ADMINISTRATION')),
	CONSTRAINT "calendars_year_check" CHECK("year" between 2022 and 2100)
);
--> statement-breakpoint
CREATE TABLE `coverage_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`code` text NOT NULL UNIQUE,
	`akim_level` text NOT NULL,
	`visited_kinds` text NOT NULL,
	`period` text NOT NULL,
	`min_meetings` integer DEFAULT 1 NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`description_kk` text NOT NULL,
	`description_ru` text NOT NULL,
	`description_en` text NOT NULL,
	CONSTRAINT "coverage_rules_level_check" CHECK("akim_level" in ('REGION', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'TOWN', 'RURAL_OKRUG')),
	CONSTRAINT "coverage_rules_period_check" CHECK("period" in ('YEAR', 'HALF_YEAR', 'QUARTER')),
	CONSTRAINT "coverage_rules_min_check" CHECK("min_meetings" >= 1),
	CONSTRAINT "coverage_rules_from_check" CHECK("effective_from" is null or ("effective_from" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("effective_from") = "effective_from")),
	CONSTRAINT "coverage_rules_to_check" CHECK("effective_to" is null or ("effective_to" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("effective_to") = "effective_to")),
	CONSTRAINT "coverage_rules_range_check" CHECK("effective_to" is null or "effective_to" > "effective_from")
);
--> statement-breakpoint
CREATE TABLE `meeting_audience` (
	`meeting_id` integer NOT NULL,
	`category` text NOT NULL,
	`count` integer NOT NULL,
	CONSTRAINT `meeting_audience_pk` PRIMARY KEY(`meeting_id`, `category`),
	CONSTRAINT `fk_meeting_audience_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON DELETE CASCADE,
	CONSTRAINT "meeting_audience_category_check" CHECK("category" in ('MASLIKHAT_DEPUTIES', 'PARTIES', 'PUBLIC_ORGANIZATIONS', 'OPPOSITION', 'CITIZENS')),
	CONSTRAINT "meeting_audience_count_check" CHECK("count" >= 0)
);
--> statement-breakpoint
CREATE TABLE `meeting_broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`meeting_id` integer NOT NULL,
	`platform` text NOT NULL,
	`url` text NOT NULL,
	`comments_open` integer DEFAULT true NOT NULL,
	CONSTRAINT `fk_meeting_broadcasts_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`unit_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`akim_unit_id` integer NOT NULL,
	`akim_level` text NOT NULL,
	`akim_name` text,
	`kind` text NOT NULL,
	`on_demand_reason` text,
	`calendar_entry_id` integer,
	`visiting` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'PLANNED' NOT NULL,
	`venue` text,
	`planned_start_at` text NOT NULL,
	`planned_duration_minutes` integer NOT NULL,
	`actual_start_at` text,
	`actual_end_at` text,
	`report_minutes` integer,
	`video_conference` integer DEFAULT false NOT NULL,
	`announced_at` text,
	`announcement_channels` text,
	`results` text,
	`results_published_at` text,
	`recorded_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_meetings_unit_id_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_meetings_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_meetings_akim_unit_id_units_id_fk` FOREIGN KEY (`akim_unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_meetings_calendar_entry_id_calendar_entries_id_fk` FOREIGN KEY (`calendar_entry_id`) REFERENCES `calendar_entries`(`id`),
	CONSTRAINT `fk_meetings_recorded_by_user_id_users_id_fk` FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`),
	CONSTRAINT "meetings_kind_check" CHECK("kind" in ('SCHEDULED', 'ON_DEMAND')),
	CONSTRAINT "meetings_status_check" CHECK("status" in ('PLANNED', 'HELD', 'CANCELLED')),
	CONSTRAINT "meetings_level_check" CHECK("akim_level" in ('REGION', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'TOWN', 'RURAL_OKRUG')),
	CONSTRAINT "meetings_on_demand_check" CHECK(("kind" = 'ON_DEMAND') = ("on_demand_reason" is not null)),
	CONSTRAINT "meetings_duration_check" CHECK("planned_duration_minutes" between 1 and 1440),
	CONSTRAINT "meetings_report_check" CHECK("report_minutes" is null or "report_minutes" >= 0),
	CONSTRAINT "meetings_actual_check" CHECK("actual_end_at" is null or ("actual_start_at" is not null and "actual_end_at" >= "actual_start_at"))
);
--> statement-breakpoint
CREATE TABLE `issue_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`issue_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`from_organization_id` integer,
	`reason` text,
	`assigned_at` text NOT NULL,
	`ended_at` text,
	`by_user_id` integer,
	CONSTRAINT `fk_issue_assignments_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_issue_assignments_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issue_assignments_from_organization_id_organizations_id_fk` FOREIGN KEY (`from_organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issue_assignments_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`)
);
--> statement-breakpoint
CREATE TABLE `issue_contacts` (
	`issue_id` integer PRIMARY KEY,
	`full_name` text NOT NULL,
	`phone` text,
	`iin` text,
	CONSTRAINT `fk_issue_contacts_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT "issue_contacts_iin_check" CHECK("iin" is null or (length("iin") = 12 and "iin" not glob '*[^0-9]*'))
);
--> statement-breakpoint
CREATE TABLE `issue_updates` (
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
	`at` text NOT NULL,
	`by_user_id` integer,
	CONSTRAINT `fk_issue_updates_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_issue_updates_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issue_updates_by_user_id_users_id_fk` FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`),
	CONSTRAINT "issue_updates_kind_check" CHECK("kind" in ('RECORDED', 'ASSIGNED', 'TRANSFERRED', 'PROGRESS', 'CONFIRMED', 'DISPUTED')),
	CONSTRAINT "issue_updates_actor_check" CHECK("actor" in ('ORGANIZATION', 'CITIZEN', 'SYSTEM'))
);
--> statement-breakpoint
CREATE TABLE `issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`tracking_code` text NOT NULL UNIQUE,
	`meeting_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`category` text NOT NULL,
	`language` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'NEW' NOT NULL,
	`resolution_plan` text,
	`due_date` text,
	`progress` integer DEFAULT 0 NOT NULL,
	`responsible_organization_id` integer,
	`recorded_by_organization_id` integer NOT NULL,
	`needs_central_decision` integer DEFAULT false NOT NULL,
	`central_decision_proposal` text,
	`transfer_count` integer DEFAULT 0 NOT NULL,
	`bounced_at` text,
	`dispute_count` integer DEFAULT 0 NOT NULL,
	`raised_at` text NOT NULL,
	`resolved_at` text,
	`updated_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_issues_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`),
	CONSTRAINT `fk_issues_unit_id_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_issues_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_issues_responsible_organization_id_organizations_id_fk` FOREIGN KEY (`responsible_organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_issues_recorded_by_organization_id_organizations_id_fk` FOREIGN KEY (`recorded_by_organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT "issues_category_check" CHECK("category" in ('WATER_SUPPLY', 'SEWERAGE', 'ROADS', 'GAS', 'ELECTRICITY', 'HEATING', 'SCHOOLS', 'KINDERGARTENS', 'HEALTHCARE', 'HOUSING', 'PUBLIC_TRANSPORT', 'INTERNET', 'EMPLOYMENT', 'STREET_LIGHTING', 'SOCIAL_SUPPORT', 'AGRICULTURE', 'ENVIRONMENT', 'SAFETY', 'SPORTS_CULTURE', 'LAND')),
	CONSTRAINT "issues_language_check" CHECK("language" in ('kk', 'ru')),
	CONSTRAINT "issues_status_check" CHECK("status" in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'DECLINED')),
	CONSTRAINT "issues_due_date_check" CHECK("due_date" is null or ("due_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("due_date") = "due_date")),
	CONSTRAINT "issues_progress_check" CHECK("progress" between 0 and 100),
	CONSTRAINT "issues_assigned_check" CHECK("status" = 'NEW' or "responsible_organization_id" is not null),
	CONSTRAINT "issues_title_check" CHECK(length("title") between 1 and 200),
	CONSTRAINT "issues_text_check" CHECK(length("text") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE `collection_round_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`round_id` integer NOT NULL,
	`issue_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`proposal` text,
	`status` text NOT NULL,
	`due_date` text,
	CONSTRAINT `fk_collection_round_items_round_id_collection_rounds_id_fk` FOREIGN KEY (`round_id`) REFERENCES `collection_rounds`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_collection_round_items_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`),
	CONSTRAINT `fk_collection_round_items_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_collection_round_items_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`)
);
--> statement-breakpoint
CREATE TABLE `collection_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`year` integer NOT NULL,
	`half` integer NOT NULL,
	`cutoff_date` text NOT NULL,
	`collected_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`item_count` integer NOT NULL,
	CONSTRAINT "collection_rounds_half_check" CHECK("half" in (1, 2))
);
--> statement-breakpoint
CREATE TABLE `job_locks` (
	`name` text PRIMARY KEY,
	`holder` text NOT NULL,
	`acquired_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `publication_bodies` (
	`publication_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`content_hash` text NOT NULL,
	`total` integer NOT NULL,
	`open` integer NOT NULL,
	`overdue` integer NOT NULL,
	`resolved` integer NOT NULL,
	`disputed` integer NOT NULL,
	`deadlines_moved` integer NOT NULL,
	`drift_days` integer NOT NULL,
	CONSTRAINT `publication_bodies_pk` PRIMARY KEY(`publication_id`, `organization_id`),
	CONSTRAINT `fk_publication_bodies_publication_id_publications_id_fk` FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_publication_bodies_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
CREATE TABLE `publication_items` (
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
	`history` text NOT NULL,
	`change` text NOT NULL,
	`deadline_drift_days` integer,
	CONSTRAINT `fk_publication_items_publication_id_publications_id_fk` FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_publication_items_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`),
	CONSTRAINT `fk_publication_items_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_publication_items_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_publication_items_unit_id_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`),
	CONSTRAINT "publication_items_change_check" CHECK("change" in ('NEW', 'STATUS_CHANGED', 'RESOLVED', 'BECAME_OVERDUE', 'DEADLINE_MOVED', 'UNCHANGED'))
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`period_end` text NOT NULL,
	`published_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`item_count` integer NOT NULL,
	CONSTRAINT "publications_quarter_check" CHECK("quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_region_idx` ON `units` (`region_id`);--> statement-breakpoint
CREATE INDEX `organization_categories_category_idx` ON `organization_categories` (`category`);--> statement-breakpoint
CREATE INDEX `organizations_kind_idx` ON `organizations` (`kind`);--> statement-breakpoint
CREATE INDEX `organizations_unit_idx` ON `organizations` (`unit_id`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_organization_idx` ON `users` (`organization_id`);--> statement-breakpoint
CREATE INDEX `calendar_entries_calendar_idx` ON `calendar_entries` (`calendar_id`);--> statement-breakpoint
CREATE INDEX `calendar_entries_visited_idx` ON `calendar_entries` (`visited_unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_revisions_number_idx` ON `calendar_revisions` (`calendar_id`,`number`);--> statement-breakpoint
CREATE INDEX `calendar_transitions_calendar_idx` ON `calendar_transitions` (`calendar_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendars_region_year_idx` ON `calendars` (`region_id`,`year`);--> statement-breakpoint
CREATE INDEX `meeting_broadcasts_meeting_idx` ON `meeting_broadcasts` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `meetings_region_start_idx` ON `meetings` (`region_id`,`planned_start_at`);--> statement-breakpoint
CREATE INDEX `meetings_unit_idx` ON `meetings` (`unit_id`);--> statement-breakpoint
CREATE INDEX `meetings_entry_idx` ON `meetings` (`calendar_entry_id`);--> statement-breakpoint
CREATE INDEX `issue_assignments_issue_idx` ON `issue_assignments` (`issue_id`);--> statement-breakpoint
CREATE INDEX `issue_assignments_org_idx` ON `issue_assignments` (`organization_id`);--> statement-breakpoint
CREATE INDEX `issue_updates_issue_at_idx` ON `issue_updates` (`issue_id`,`at`);--> statement-breakpoint
CREATE INDEX `issues_region_status_idx` ON `issues` (`region_id`,`status`);--> statement-breakpoint
CREATE INDEX `issues_responsible_status_idx` ON `issues` (`responsible_organization_id`,`status`);--> statement-breakpoint
CREATE INDEX `issues_meeting_idx` ON `issues` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `issues_category_idx` ON `issues` (`category`);--> statement-breakpoint
CREATE INDEX `issues_raised_idx` ON `issues` (`raised_at`);--> statement-breakpoint
CREATE INDEX `issues_due_idx` ON `issues` (`due_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `collection_round_items_issue_idx` ON `collection_round_items` (`round_id`,`issue_id`);--> statement-breakpoint
CREATE INDEX `collection_round_items_org_idx` ON `collection_round_items` (`round_id`,`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `collection_rounds_half_idx` ON `collection_rounds` (`year`,`half`);--> statement-breakpoint
CREATE UNIQUE INDEX `publication_items_issue_idx` ON `publication_items` (`publication_id`,`issue_id`);--> statement-breakpoint
CREATE INDEX `publication_items_org_idx` ON `publication_items` (`publication_id`,`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `publications_quarter_idx` ON `publications` (`year`,`quarter`);