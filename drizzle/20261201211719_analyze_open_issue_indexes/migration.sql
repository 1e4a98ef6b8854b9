-- Planner statistics for the partial indexes of open problems, from a sample (see issue_counts).
PRAGMA analysis_limit = 2000;
--> statement-breakpoint
ANALYZE `issues`;
