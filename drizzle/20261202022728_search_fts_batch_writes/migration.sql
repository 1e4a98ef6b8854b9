-- The FTS5 tables are written by the search store in two statements per batch (fts5-store.ts):
-- per-row triggers ran inside per-row statements, and FTS5 flushed a segment at each of them.
DROP TRIGGER IF EXISTS `search_documents_live_a_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_a_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_a_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_live_b_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_a_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_published_b_update`;
