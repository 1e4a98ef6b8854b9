-- Word forms and reference names for search (both engines).
--
-- search_documents gains what the application computes when it writes a document (JavaScript, not
-- SQL: the stemmers are src/modules/search/search.stem.ts): the stems of the title and the text
-- (Kazakh and Russian stems of every word, folded, other than the word itself), and the labels (the
-- category's and the responsible body's names in Kazakh, Russian and English) with their folded
-- words and stems. Each slot's FTS5 table is recreated with those columns; prefixes are indexed from
-- three letters (a two-letter word now means itself and its forms: су is not суық).
-- The old FTS5 contents cannot be converted, so the documents are dropped and both indexes are
-- marked as never built: the search service builds them at the next search (Meilisearch too, whose
-- documents lack the new fields). Nothing here depends on the clock: fresh databases stay identical.
ALTER TABLE `search_documents` ADD `labels` text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE `search_documents` ADD `title_stems` text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE `search_documents` ADD `text_stems` text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE `search_documents` ADD `label_terms` text NOT NULL DEFAULT '';
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_a_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_a_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_a_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_vocab_live_a`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_terms_live_a`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_fts_live_a`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_vocab_live_b`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_terms_live_b`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_fts_live_b`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_vocab_published_a`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_terms_published_a`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_fts_published_a`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_vocab_published_b`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_terms_published_b`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_fts_published_b`;
--> statement-breakpoint
DELETE FROM `search_documents`;
--> statement-breakpoint
UPDATE `search_slot_versions` SET `version` = `version` + 1;
--> statement-breakpoint
UPDATE `search_slots` SET `building_slot` = NULL;
--> statement-breakpoint
DELETE FROM `search_index_state`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_live_a` USING fts5(
	title, text, title_folded, text_folded, title_stems, text_stems, label_terms,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '3 4'
);
--> statement-breakpoint
-- Title above text; as typed above the same stem above folded; the names of category and body last.
INSERT INTO `search_fts_live_a` (`search_fts_live_a`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 4.0, 0.8, 6.0, 1.2, 0.5)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_live_a` USING fts5vocab('search_fts_live_a', 'row');
--> statement-breakpoint
-- Words per column, for "did you mean": suggestions come from the title and text as written.
CREATE VIRTUAL TABLE `search_terms_live_a` USING fts5vocab('search_fts_live_a', 'col');
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'live_a' BEGIN
	INSERT INTO `search_fts_live_a` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'live_a' BEGIN
	DELETE FROM `search_fts_live_a` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_a_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'live_a' BEGIN
	DELETE FROM `search_fts_live_a` WHERE rowid = old.seq;
	INSERT INTO `search_fts_live_a` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_live_b` USING fts5(
	title, text, title_folded, text_folded, title_stems, text_stems, label_terms,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '3 4'
);
--> statement-breakpoint
-- Title above text; as typed above the same stem above folded; the names of category and body last.
INSERT INTO `search_fts_live_b` (`search_fts_live_b`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 4.0, 0.8, 6.0, 1.2, 0.5)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_live_b` USING fts5vocab('search_fts_live_b', 'row');
--> statement-breakpoint
-- Words per column, for "did you mean": suggestions come from the title and text as written.
CREATE VIRTUAL TABLE `search_terms_live_b` USING fts5vocab('search_fts_live_b', 'col');
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'live_b' BEGIN
	INSERT INTO `search_fts_live_b` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'live_b' BEGIN
	DELETE FROM `search_fts_live_b` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_live_b_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'live_b' BEGIN
	DELETE FROM `search_fts_live_b` WHERE rowid = old.seq;
	INSERT INTO `search_fts_live_b` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_published_a` USING fts5(
	title, text, title_folded, text_folded, title_stems, text_stems, label_terms,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '3 4'
);
--> statement-breakpoint
-- Title above text; as typed above the same stem above folded; the names of category and body last.
INSERT INTO `search_fts_published_a` (`search_fts_published_a`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 4.0, 0.8, 6.0, 1.2, 0.5)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_published_a` USING fts5vocab('search_fts_published_a', 'row');
--> statement-breakpoint
-- Words per column, for "did you mean": suggestions come from the title and text as written.
CREATE VIRTUAL TABLE `search_terms_published_a` USING fts5vocab('search_fts_published_a', 'col');
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'published_a' BEGIN
	INSERT INTO `search_fts_published_a` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'published_a' BEGIN
	DELETE FROM `search_fts_published_a` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_a_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'published_a' BEGIN
	DELETE FROM `search_fts_published_a` WHERE rowid = old.seq;
	INSERT INTO `search_fts_published_a` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_published_b` USING fts5(
	title, text, title_folded, text_folded, title_stems, text_stems, label_terms,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '3 4'
);
--> statement-breakpoint
-- Title above text; as typed above the same stem above folded; the names of category and body last.
INSERT INTO `search_fts_published_b` (`search_fts_published_b`, rank) VALUES ('rank', 'bm25(10.0, 2.0, 4.0, 0.8, 6.0, 1.2, 0.5)');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab_published_b` USING fts5vocab('search_fts_published_b', 'row');
--> statement-breakpoint
-- Words per column, for "did you mean": suggestions come from the title and text as written.
CREATE VIRTUAL TABLE `search_terms_published_b` USING fts5vocab('search_fts_published_b', 'col');
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_insert` AFTER INSERT ON `search_documents` WHEN new.slot = 'published_b' BEGIN
	INSERT INTO `search_fts_published_b` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_delete` AFTER DELETE ON `search_documents` WHEN old.slot = 'published_b' BEGIN
	DELETE FROM `search_fts_published_b` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_published_b_update` AFTER UPDATE ON `search_documents` WHEN new.slot = 'published_b' BEGIN
	DELETE FROM `search_fts_published_b` WHERE rowid = old.seq;
	INSERT INTO `search_fts_published_b` (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
	VALUES (new.seq, new.title, new.text, new.title_folded, new.text_folded, new.title_stems, new.text_stems, new.label_terms);
END;
