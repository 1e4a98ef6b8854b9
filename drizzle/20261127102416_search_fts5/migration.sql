-- Search (issue 6): the embedded FTS5 engine's storage, and the state both engines share.
--
-- search_documents holds every indexed document of every slot: two slots per index (live_a/live_b,
-- published_a/published_b), so an index is rebuilt in the idle slot while the other one serves, and
-- search_slots says which one serves: the swap is one UPDATE in one transaction.
-- Each slot has its own contentless FTS5 table, kept in sync by the triggers below. Columns:
-- title and text as written (exact), the same folded (Kazakh letters and ё/й to the letters typed
-- without them: src/modules/search/search.text.ts holds the same table, a test keeps them equal).
-- Filters and facets are not FTS5 tokens: bm25 would scan the whole posting list of every filter
-- token for its IDF on each query. The adapter keeps the filterable columns in memory instead.
CREATE TABLE `search_documents` (
	`seq` integer PRIMARY KEY,
	`slot` text NOT NULL,
	`doc_id` text NOT NULL,
	`issue_id` integer NOT NULL,
	`quarter` text,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`unit_path` text NOT NULL,
	`organization_id` integer,
	`organization_kind` text,
	`due_date` text,
	`overdue` integer NOT NULL,
	`progress` integer NOT NULL,
	`raised_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`title_folded` text GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`title`, 'ә', 'а'), 'Ә', 'А'), 'ғ', 'г'), 'Ғ', 'Г'), 'қ', 'к'), 'Қ', 'К'), 'ң', 'н'), 'Ң', 'Н'), 'ө', 'о'), 'Ө', 'О'), 'ұ', 'у'), 'Ұ', 'У'), 'ү', 'у'), 'Ү', 'У'), 'һ', 'х'), 'Һ', 'Х'), 'і', 'и'), 'І', 'И'), 'ё', 'е'), 'Ё', 'Е'), 'й', 'и'), 'Й', 'И')) VIRTUAL,
	`text_folded` text GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`text`, 'ә', 'а'), 'Ә', 'А'), 'ғ', 'г'), 'Ғ', 'Г'), 'қ', 'к'), 'Қ', 'К'), 'ң', 'н'), 'Ң', 'Н'), 'ө', 'о'), 'Ө', 'О'), 'ұ', 'у'), 'Ұ', 'У'), 'ү', 'у'), 'Ү', 'У'), 'һ', 'х'), 'Һ', 'Х'), 'і', 'и'), 'І', 'И'), 'ё', 'е'), 'Ё', 'Е'), 'й', 'и'), 'Й', 'И')) VIRTUAL,
	CONSTRAINT `search_documents_slot_check` CHECK(`slot` in ('live_a', 'live_b', 'published_a', 'published_b'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_doc_idx` ON `search_documents` (`slot`, `doc_id`);
--> statement-breakpoint
-- Which slot serves each index, and which one is being built (null: none).
CREATE TABLE `search_slots` (
	`index_name` text PRIMARY KEY NOT NULL,
	`active_slot` text NOT NULL,
	`building_slot` text
);
--> statement-breakpoint
INSERT INTO `search_slots` (`index_name`, `active_slot`) VALUES ('live', 'live_a'), ('published', 'published_a');
--> statement-breakpoint
-- Bumped by every write to a slot, in the same transaction: a process holding a copy of a slot's
-- filterable columns in memory reloads it when another process wrote.
CREATE TABLE `search_slot_versions` (
	`slot` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO `search_slot_versions` (`slot`) VALUES ('live_a'), ('live_b'), ('published_a'), ('published_b');
--> statement-breakpoint
-- Problems whose live document must be rewritten (both engines): kept until the write reached the
-- index that serves, so nothing is lost while Meilisearch is down or while a rebuild runs.
-- `version` grows with each new change, so a flush never forgets a change made while it ran.
CREATE TABLE `search_outbox` (
	`issue_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL DEFAULT 1,
	`enqueued_at` text NOT NULL
);
--> statement-breakpoint
-- What each index was last built from (for the published index: the newest publication's id), so a
-- quarter published by another process, or while the engine was down, is noticed and indexed.
CREATE TABLE `search_index_state` (
	`index_name` text PRIMARY KEY NOT NULL,
	`source_mark` text NOT NULL,
	`built_at` text NOT NULL
);
--> statement-breakpoint
-- A rebuild that was asked for (a quarter was published while the engine was down) or is running;
-- `cursor` is the last source row written, so an interrupted rebuild resumes where it stopped.
CREATE TABLE `search_rebuilds` (
	`index_name` text PRIMARY KEY NOT NULL,
	`requested_at` text NOT NULL,
	`started_at` text,
	`cursor` integer,
	`heartbeat_at` text,
	`holder` text
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_live_a` USING fts5(
	title, text, title_folded, text_folded,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
-- Title above text, exact above folded.
INSERT INTO `search_fts_live_a` (`search_fts_live_a`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 6.0, 1.0)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_live_a` USING fts5vocab('search_fts_live_a', 'row');
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'live_a' BEGIN
	INSERT INTO `search_fts_live_a` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'live_a' BEGIN
	DELETE FROM `search_fts_live_a` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'live_a' BEGIN
	DELETE FROM `search_fts_live_a` WHERE rowid = old.seq;
	INSERT INTO `search_fts_live_a` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_live_b` USING fts5(
	title, text, title_folded, text_folded,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
-- Title above text, exact above folded.
INSERT INTO `search_fts_live_b` (`search_fts_live_b`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 6.0, 1.0)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_live_b` USING fts5vocab('search_fts_live_b', 'row');
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'live_b' BEGIN
	INSERT INTO `search_fts_live_b` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'live_b' BEGIN
	DELETE FROM `search_fts_live_b` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'live_b' BEGIN
	DELETE FROM `search_fts_live_b` WHERE rowid = old.seq;
	INSERT INTO `search_fts_live_b` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_published_a` USING fts5(
	title, text, title_folded, text_folded,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
-- Title above text, exact above folded.
INSERT INTO `search_fts_published_a` (`search_fts_published_a`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 6.0, 1.0)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_published_a` USING fts5vocab('search_fts_published_a', 'row');
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'published_a' BEGIN
	INSERT INTO `search_fts_published_a` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'published_a' BEGIN
	DELETE FROM `search_fts_published_a` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'published_a' BEGIN
	DELETE FROM `search_fts_published_a` WHERE rowid = old.seq;
	INSERT INTO `search_fts_published_a` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_published_b` USING fts5(
	title, text, title_folded, text_folded,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
-- Title above text, exact above folded.
INSERT INTO `search_fts_published_b` (`search_fts_published_b`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 6.0, 1.0)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_published_b` USING fts5vocab('search_fts_published_b', 'row');
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'published_b' BEGIN
	INSERT INTO `search_fts_published_b` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'published_b' BEGIN
	DELETE FROM `search_fts_published_b` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'published_b' BEGIN
	DELETE FROM `search_fts_published_b` WHERE rowid = old.seq;
	INSERT INTO `search_fts_published_b` (rowid, title, text, title_folded, text_folded)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded);
END;
