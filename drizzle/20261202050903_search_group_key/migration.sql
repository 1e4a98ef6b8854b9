-- Search results collapsed by group of similar problems (docs/search.md, "One result per group").
--
-- Each search document carries the public group of its problem: in the live index the group it is
-- in now (a group of two or more), in the published index the group it was in when its quarter was
-- published (publication_items.group_id). Documents written before have no group, so both indexes
-- are marked as never built: the search service rebuilds them at the next search (Meilisearch too,
-- whose documents lack the field). The old documents keep answering until the rebuild swaps in.
ALTER TABLE `search_documents` ADD `group_id` integer;
--> statement-breakpoint
DELETE FROM `search_index_state`;
