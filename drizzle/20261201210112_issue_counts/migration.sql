-- Counts of problems per combination of the filters the API offers most (region, responsible body,
-- status, category, needs a central decision), kept exact by triggers in the same transaction as
-- every write. `issues { totalCount }` with only these filters sums a few thousand rows here instead
-- of counting up to a million problems; other filters (overdue, dates, meeting) count the problems
-- through a covering index. organization_id 0 stands for "no responsible body yet" (NEW problems).
CREATE TABLE `issue_counts` (
	`region_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`status` text NOT NULL,
	`category` text NOT NULL,
	`needs_central_decision` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`region_id`, `organization_id`, `status`, `category`, `needs_central_decision`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `issue_counts_organization_idx` ON `issue_counts` (`organization_id`);
--> statement-breakpoint
INSERT INTO `issue_counts`
SELECT `region_id`, coalesce(`responsible_organization_id`, 0), `status`, `category`, `needs_central_decision`, count(*)
FROM `issues` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `issue_counts_insert` AFTER INSERT ON `issues` BEGIN
	INSERT INTO `issue_counts` VALUES (new.region_id, coalesce(new.responsible_organization_id, 0), new.status, new.category, new.needs_central_decision, 1)
	ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_counts_delete` AFTER DELETE ON `issues` BEGIN
	UPDATE `issue_counts` SET `n` = `n` - 1
	WHERE `region_id` = old.region_id AND `organization_id` = coalesce(old.responsible_organization_id, 0)
		AND `status` = old.status AND `category` = old.category AND `needs_central_decision` = old.needs_central_decision;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_counts_update` AFTER UPDATE OF `region_id`, `responsible_organization_id`, `status`, `category`, `needs_central_decision` ON `issues`
BEGIN
	UPDATE `issue_counts` SET `n` = `n` - 1
	WHERE `region_id` = old.region_id AND `organization_id` = coalesce(old.responsible_organization_id, 0)
		AND `status` = old.status AND `category` = old.category AND `needs_central_decision` = old.needs_central_decision;
	INSERT INTO `issue_counts` VALUES (new.region_id, coalesce(new.responsible_organization_id, 0), new.status, new.category, new.needs_central_decision, 1)
	ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- Statistics for the new list indexes (a sample is enough for the planner; a full ANALYZE of a
-- million problems would hold the migration for many seconds).
PRAGMA analysis_limit = 2000;
--> statement-breakpoint
ANALYZE `issues`;
--> statement-breakpoint
ANALYZE `meetings`;
--> statement-breakpoint
ANALYZE `issue_counts`;
