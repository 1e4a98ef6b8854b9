-- A counter that moves with every change to the reference data (administrative units and
-- organisations), kept by triggers in the same transaction as the change, whichever process makes
-- it. The server keeps those few hundred rows in memory and reads them again only when the counter
-- moved (src/modules/reference/), instead of joining them into every list of problems.
CREATE TABLE `reference_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `reference_version` VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `reference_version_units_insert` AFTER INSERT ON `units` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `reference_version_units_update` AFTER UPDATE ON `units` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `reference_version_units_delete` AFTER DELETE ON `units` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `reference_version_organizations_insert` AFTER INSERT ON `organizations` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `reference_version_organizations_update` AFTER UPDATE ON `organizations` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `reference_version_organizations_delete` AFTER DELETE ON `organizations` BEGIN UPDATE `reference_version` SET `version` = `version` + 1; END;
