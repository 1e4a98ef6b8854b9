-- The problems of a quarter with one kind of change since the previous quarter, in problem order
-- (the lists the home page's "changes since the previous quarter" link to). Partial: unchanged
-- problems, most of a quarter, are not in it.
CREATE INDEX `publication_items_change_idx` ON `publication_items` (`publication_id`, `change`, `issue_id`) WHERE `change` <> 'UNCHANGED';
