-- The body answering for each member, copied like its place (migration group_member_places): the
-- group page's "who answers" counts members per body from one index range instead of reading every
-- member's problem (a national group holds tens of thousands).
ALTER TABLE `issue_group_members` ADD `organization_id` integer;--> statement-breakpoint
UPDATE `issue_group_members` AS m SET `organization_id` = i.responsible_organization_id
FROM `issues` i WHERE i.id = m.issue_id;
--> statement-breakpoint
CREATE INDEX `issue_group_members_body_idx` ON `issue_group_members` (`group_id`,`organization_id`);
--> statement-breakpoint
-- Routing and transfers move the copy in the same transaction as the problem's write.
CREATE TRIGGER `issue_group_members_follow_body` AFTER UPDATE OF `responsible_organization_id` ON `issues`
WHEN old.responsible_organization_id IS NOT new.responsible_organization_id
BEGIN
	UPDATE `issue_group_members` SET `organization_id` = new.responsible_organization_id WHERE `issue_id` = new.id;
END;
