CREATE TABLE `issue_group_regroup` (
	`id` integer PRIMARY KEY,
	`after_issue_id` integer NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `issue_group_regroup_before` (
	`issue_id` integer PRIMARY KEY,
	`auto_group_id` integer,
	`public_group_id` integer
);
--> statement-breakpoint
ALTER TABLE `issue_group_members` ADD `raised_at` text;--> statement-breakpoint
ALTER TABLE `issue_group_members` ADD `region_id` integer;--> statement-breakpoint
ALTER TABLE `issue_group_members` ADD `district_id` integer;--> statement-breakpoint
ALTER TABLE `issue_group_members` ADD `resolved` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each member carries the figures its group counts (raised, region, district, resolved), so that a
-- change of one member moves the group's stored figures by one probe instead of a recount of all its
-- members (a national group holds thousands). The district rule is DISTRICT_OF of groups.repo.ts.
UPDATE `issue_group_members` AS m SET `raised_at` = s.raised_at, `region_id` = s.region_id, `district_id` = s.district_id, `resolved` = s.resolved
FROM (
  SELECT i.id, i.raised_at, i.region_id, i.status IN ('RESOLVED','CLOSED') AS resolved,
  coalesce(
  CASE WHEN u.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN','OBLAST') THEN u.id END,
  CASE WHEN p.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') THEN p.id END,
  CASE WHEN g.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') THEN g.id END, u.id) AS district_id
  FROM `issues` i JOIN `units` u ON u.id = i.unit_id LEFT JOIN `units` p ON p.id = u.parent_id LEFT JOIN `units` g ON g.id = p.parent_id
) AS s
WHERE s.id = m.issue_id;
--> statement-breakpoint
-- (region_id rides along: the group page counts problems per quarter in each region's zone from it.)
CREATE INDEX `issue_group_members_raised_idx` ON `issue_group_members` (`group_id`,`raised_at`,`issue_id`,`region_id`);--> statement-breakpoint
CREATE INDEX `issue_group_members_district_idx` ON `issue_group_members` (`group_id`,`district_id`);--> statement-breakpoint
CREATE INDEX `issue_group_members_region_idx` ON `issue_group_members` (`group_id`,`region_id`);
--> statement-breakpoint
-- A member joins a group (a new row, or a row moved from another group): one more problem, and one
-- more district or region when no other member has it yet.
CREATE TRIGGER `issue_group_members_join` AFTER INSERT ON `issue_group_members` WHEN new.group_id IS NOT NULL
BEGIN
	UPDATE `issue_groups` SET `size` = `size` + 1, `resolved_count` = `resolved_count` + new.resolved,
		`district_count` = `district_count` + NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `district_id` = new.district_id AND `issue_id` <> new.issue_id),
		`region_count` = `region_count` + NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `region_id` = new.region_id AND `issue_id` <> new.issue_id),
		`first_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1),
		`last_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at` DESC, `issue_id` DESC LIMIT 1),
		`lead_issue_id` = (SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1)
	WHERE `id` = new.group_id;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_group_members_move_in` AFTER UPDATE OF `group_id` ON `issue_group_members`
WHEN new.group_id IS NOT NULL AND old.group_id IS NOT new.group_id
BEGIN
	UPDATE `issue_groups` SET `size` = `size` + 1, `resolved_count` = `resolved_count` + new.resolved,
		`district_count` = `district_count` + NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `district_id` = new.district_id AND `issue_id` <> new.issue_id),
		`region_count` = `region_count` + NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `region_id` = new.region_id AND `issue_id` <> new.issue_id),
		`first_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1),
		`last_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at` DESC, `issue_id` DESC LIMIT 1),
		`lead_issue_id` = (SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1)
	WHERE `id` = new.group_id;
END;
--> statement-breakpoint
-- A member leaves (deleted, or moved to another group or to none): one problem less, and a district
-- or region less when no member is left there. The row no longer counts for the old group here.
CREATE TRIGGER `issue_group_members_leave` AFTER DELETE ON `issue_group_members` WHEN old.group_id IS NOT NULL
BEGIN
	UPDATE `issue_groups` SET `size` = `size` - 1, `resolved_count` = `resolved_count` - old.resolved,
		`district_count` = `district_count` - NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = old.group_id AND `district_id` = old.district_id),
		`region_count` = `region_count` - NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = old.group_id AND `region_id` = old.region_id),
		`first_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1),
		`last_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at` DESC, `issue_id` DESC LIMIT 1),
		`lead_issue_id` = (SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1)
	WHERE `id` = old.group_id;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_group_members_move_out` AFTER UPDATE OF `group_id` ON `issue_group_members`
WHEN old.group_id IS NOT NULL AND old.group_id IS NOT new.group_id
BEGIN
	UPDATE `issue_groups` SET `size` = `size` - 1, `resolved_count` = `resolved_count` - old.resolved,
		`district_count` = `district_count` - NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = old.group_id AND `district_id` = old.district_id),
		`region_count` = `region_count` - NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = old.group_id AND `region_id` = old.region_id),
		`first_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1),
		`last_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at` DESC, `issue_id` DESC LIMIT 1),
		`lead_issue_id` = (SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = old.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1)
	WHERE `id` = old.group_id;
END;
--> statement-breakpoint
-- A member stays in its group but its figures change (resolved, or a corrected place or date).
CREATE TRIGGER `issue_group_members_change` AFTER UPDATE OF `raised_at`, `region_id`, `district_id`, `resolved` ON `issue_group_members`
WHEN new.group_id IS NOT NULL AND old.group_id IS new.group_id
BEGIN
	UPDATE `issue_groups` SET `resolved_count` = `resolved_count` + new.resolved - old.resolved,
		`district_count` = `district_count`
			- (old.district_id IS NOT new.district_id AND NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `district_id` = old.district_id))
			+ (old.district_id IS NOT new.district_id AND NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `district_id` = new.district_id AND `issue_id` <> new.issue_id)),
		`region_count` = `region_count`
			- (old.region_id IS NOT new.region_id AND NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `region_id` = old.region_id))
			+ (old.region_id IS NOT new.region_id AND NOT EXISTS (SELECT 1 FROM `issue_group_members` WHERE `group_id` = new.group_id AND `region_id` = new.region_id AND `issue_id` <> new.issue_id)),
		`first_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1),
		`last_raised_at` = (SELECT `raised_at` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at` DESC, `issue_id` DESC LIMIT 1),
		`lead_issue_id` = (SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = new.group_id ORDER BY `raised_at`, `issue_id` LIMIT 1)
	WHERE `id` = new.group_id;
END;
--> statement-breakpoint
-- The members' copies follow the problem, in the same transaction as the problem's write.
CREATE TRIGGER `issue_group_members_follow_status` AFTER UPDATE OF `status` ON `issues`
WHEN (old.status IN ('RESOLVED','CLOSED')) IS NOT (new.status IN ('RESOLVED','CLOSED'))
BEGIN
	UPDATE `issue_group_members` SET `resolved` = new.status IN ('RESOLVED','CLOSED') WHERE `issue_id` = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `issue_group_members_follow_place` AFTER UPDATE OF `unit_id`, `region_id`, `raised_at` ON `issues`
WHEN old.unit_id IS NOT new.unit_id OR old.region_id IS NOT new.region_id OR old.raised_at IS NOT new.raised_at
BEGIN
	UPDATE `issue_group_members` SET `raised_at` = new.raised_at, `region_id` = new.region_id,
		`district_id` = (SELECT coalesce(
  CASE WHEN u.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN','OBLAST') THEN u.id END,
  CASE WHEN p.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') THEN p.id END,
  CASE WHEN g.kind IN ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') THEN g.id END, u.id) FROM `units` u LEFT JOIN `units` p ON p.id = u.parent_id LEFT JOIN `units` g ON g.id = p.parent_id WHERE u.id = new.unit_id)
	WHERE `issue_id` = new.id;
END;
--> statement-breakpoint
-- The stored figures from the copies, once (they were recounted from the problems until now).
UPDATE `issue_groups` SET (`size`, `district_count`, `region_count`, `resolved_count`, `first_raised_at`, `last_raised_at`, `lead_issue_id`) = (
	SELECT count(*), count(DISTINCT `district_id`), count(DISTINCT `region_id`), coalesce(sum(`resolved`), 0), min(`raised_at`), max(`raised_at`),
		(SELECT `issue_id` FROM `issue_group_members` WHERE `group_id` = `issue_groups`.`id` ORDER BY `raised_at`, `issue_id` LIMIT 1)
	FROM `issue_group_members` WHERE `group_id` = `issue_groups`.`id`
);
