-- Work done in parallel added the migrations before this one side by side; together they already
-- make every change. This migration changes nothing: its snapshot records the merged schema, so
-- that the next generated migration is computed against all of them.
SELECT 1;
