-- The three list orders without a leading filter (raised, deadline, last change) walk these indexes
-- and stop after a page. Filters that match a large share (category, status, needs a central
-- decision) were tested by reading each walked row from the table: a page of one category read a
-- thousand rows of a million-row table. The indexes now carry `id` (the order's tie-break, so the
-- order stays complete) and those columns, so SQLite tests them in the index and reads from the table
-- only the rows of the page. (drizzle-kit does not see a change of an index's columns: hence by hand.)
DROP INDEX IF EXISTS `issues_raised_idx`;
--> statement-breakpoint
CREATE INDEX `issues_raised_idx` ON `issues` (`raised_at`,`id`,`category`,`status`,`needs_central_decision`);
--> statement-breakpoint
DROP INDEX IF EXISTS `issues_due_idx`;
--> statement-breakpoint
CREATE INDEX `issues_due_idx` ON `issues` (`due_date`,`id`,`category`,`status`,`needs_central_decision`);
--> statement-breakpoint
DROP INDEX IF EXISTS `issues_updated_idx`;
--> statement-breakpoint
CREATE INDEX `issues_updated_idx` ON `issues` (`updated_at`,`id`,`category`,`status`,`needs_central_decision`);
--> statement-breakpoint
PRAGMA analysis_limit = 2000;
--> statement-breakpoint
ANALYZE `issues`;
