CREATE TABLE `publication_areas` (
	`publication_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`total` integer NOT NULL,
	`open` integer NOT NULL,
	`overdue` integer NOT NULL,
	`resolved` integer NOT NULL,
	`disputed` integer NOT NULL,
	`deadlines_moved` integer NOT NULL,
	`drift_days` integer NOT NULL,
	CONSTRAINT `publication_areas_pk` PRIMARY KEY(`publication_id`, `region_id`, `district_id`, `organization_id`),
	CONSTRAINT `fk_publication_areas_publication_id_publications_id_fk` FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_publication_areas_region_id_units_id_fk` FOREIGN KEY (`region_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_publication_areas_district_id_units_id_fk` FOREIGN KEY (`district_id`) REFERENCES `units`(`id`),
	CONSTRAINT `fk_publication_areas_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
CREATE INDEX `publication_areas_region_idx` ON `publication_areas` (`region_id`,`publication_id`);