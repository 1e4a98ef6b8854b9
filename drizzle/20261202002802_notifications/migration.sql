CREATE TABLE `email_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`email` text NOT NULL UNIQUE,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_keys` (
	`id` integer PRIMARY KEY,
	`secret` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`recipient_id` integer NOT NULL,
	`subscription_id` integer,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`message_id` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`unsubscribe_url` text,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claimed_by` text,
	`claimed_at` text,
	`last_error` text,
	`smtp_response` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	CONSTRAINT `fk_outbox_messages_recipient_id_email_recipients_id_fk` FOREIGN KEY (`recipient_id`) REFERENCES `email_recipients`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_outbox_messages_subscription_id_subscriptions_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON DELETE CASCADE,
	CONSTRAINT "outbox_messages_kind_check" CHECK("kind" in ('CONFIRM', 'ISSUE_EVENT', 'DIGEST', 'QUARTER')),
	CONSTRAINT "outbox_messages_status_check" CHECK("status" in ('PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`recipient_id` integer NOT NULL,
	`scope` text NOT NULL,
	`issue_id` integer,
	`region_id` integer,
	`organization_id` integer,
	`search_query` text,
	`frequency` text NOT NULL,
	`language` text NOT NULL,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`unsubscribed_at` text,
	`digest_cursor` integer DEFAULT 0 NOT NULL,
	`digest_sent_at` text,
	CONSTRAINT `fk_subscriptions_recipient_id_email_recipients_id_fk` FOREIGN KEY (`recipient_id`) REFERENCES `email_recipients`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_subscriptions_issue_id_issues_id_fk` FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`),
	CONSTRAINT `fk_subscriptions_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_subscriptions_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT "subscriptions_scope_check" CHECK("scope" in ('ISSUE', 'REGION', 'BODY', 'SEARCH')),
	CONSTRAINT "subscriptions_frequency_check" CHECK("frequency" in ('IMMEDIATE', 'DAILY', 'WEEKLY')),
	CONSTRAINT "subscriptions_status_check" CHECK("status" in ('PENDING', 'ACTIVE', 'UNSUBSCRIBED')),
	CONSTRAINT "subscriptions_language_check" CHECK("language" in ('kk', 'ru', 'en')),
	CONSTRAINT "subscriptions_target_check" CHECK(("scope" = 'ISSUE' and "issue_id" is not null) or ("scope" = 'REGION' and "region_id" is not null)
        or ("scope" = 'BODY' and "organization_id" is not null) or ("scope" = 'SEARCH' and "search_query" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_dedupe_idx` ON `outbox_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_messages_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_recipient_sent_idx` ON `outbox_messages` (`recipient_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `subscriptions_issue_idx` ON `subscriptions` (`issue_id`,`status`);--> statement-breakpoint
CREATE INDEX `subscriptions_due_idx` ON `subscriptions` (`frequency`,`status`,`digest_sent_at`);--> statement-breakpoint
CREATE INDEX `subscriptions_recipient_idx` ON `subscriptions` (`recipient_id`);