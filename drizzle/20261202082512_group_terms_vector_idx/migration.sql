DROP INDEX IF EXISTS `issue_group_terms_issue_idx`;--> statement-breakpoint
CREATE INDEX `issue_group_terms_vector_idx` ON `issue_group_terms` (`issue_id`,`stem`,`weight`);