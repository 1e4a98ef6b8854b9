-- Open problems with a deadline, counted per region and deadline day, kept exact by triggers in the
-- same transaction as every write. "Overdue" depends on today, so it cannot be counted ahead; but
-- `issues(filter: { overdue: true }) { totalCount }`, alone or with regions, becomes the sum of the
-- days before today (a few thousand rows) instead of a count of every open problem's index entry.
-- Open is not RESOLVED, CLOSED or DECLINED (FINISHED_STATUSES).
CREATE TABLE `open_due_counts` (
	`region_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`region_id`, `due_date`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `open_due_counts`
SELECT `region_id`, `due_date`, count(*) FROM `issues`
WHERE `due_date` IS NOT NULL AND `status` NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')
GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `open_due_counts_insert` AFTER INSERT ON `issues`
WHEN new.due_date IS NOT NULL AND new.status NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')
BEGIN
	INSERT INTO `open_due_counts` VALUES (new.region_id, new.due_date, 1) ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `open_due_counts_delete` AFTER DELETE ON `issues`
WHEN old.due_date IS NOT NULL AND old.status NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')
BEGIN
	UPDATE `open_due_counts` SET `n` = `n` - 1 WHERE `region_id` = old.region_id AND `due_date` = old.due_date;
END;
--> statement-breakpoint
CREATE TRIGGER `open_due_counts_update_old` AFTER UPDATE OF `region_id`, `due_date`, `status` ON `issues`
WHEN old.due_date IS NOT NULL AND old.status NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')
BEGIN
	UPDATE `open_due_counts` SET `n` = `n` - 1 WHERE `region_id` = old.region_id AND `due_date` = old.due_date;
END;
--> statement-breakpoint
CREATE TRIGGER `open_due_counts_update_new` AFTER UPDATE OF `region_id`, `due_date`, `status` ON `issues`
WHEN new.due_date IS NOT NULL AND new.status NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')
BEGIN
	INSERT INTO `open_due_counts` VALUES (new.region_id, new.due_date, 1) ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
