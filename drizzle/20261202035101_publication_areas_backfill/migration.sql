-- Quarters published before publication_areas existed get their rows from their stored items,
-- counted as the publisher counts them (src/modules/publication/figures.ts). A district is the
-- unit right below the region on the problem's branch; a problem raised at region level counts
-- under the region itself.
WITH RECURSIVE district_of(unit_id, district_id) AS (
  SELECT id, id FROM units WHERE parent_id IS NOT NULL AND parent_id = region_id
  UNION ALL
  SELECT u.id, d.district_id FROM units u JOIN district_of d ON u.parent_id = d.unit_id
)
INSERT INTO publication_areas (publication_id, region_id, district_id, organization_id, total, open, overdue, resolved, disputed, deadlines_moved, drift_days)
SELECT i.publication_id, i.region_id, coalesce(d.district_id, i.region_id), i.organization_id,
  count(*),
  sum(i.status NOT IN ('RESOLVED', 'CLOSED', 'DECLINED')),
  sum(i.overdue),
  sum(i.status IN ('RESOLVED', 'CLOSED')),
  -- instr first: most histories have no dispute, and parsing each one's JSON is most of the cost.
  sum(CASE WHEN instr(i.history, 'DISPUTED') = 0 THEN 0
      ELSE EXISTS (SELECT 1 FROM json_each(i.history) h WHERE json_extract(h.value, '$.kind') = 'DISPUTED') END),
  sum(i.previous_due_date IS NOT NULL AND i.due_date IS NOT i.previous_due_date),
  sum(CASE WHEN i.deadline_drift_days > 0 THEN i.deadline_drift_days ELSE 0 END)
FROM publication_items i
JOIN publications p ON p.id = i.publication_id AND p.status = 'published'
LEFT JOIN district_of d ON d.unit_id = i.unit_id
WHERE NOT EXISTS (SELECT 1 FROM publication_areas a WHERE a.publication_id = i.publication_id)
GROUP BY i.publication_id, i.region_id, coalesce(d.district_id, i.region_id), i.organization_id;
