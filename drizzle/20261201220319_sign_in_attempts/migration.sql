CREATE TABLE `sign_in_attempts` (
	`key` text PRIMARY KEY,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
