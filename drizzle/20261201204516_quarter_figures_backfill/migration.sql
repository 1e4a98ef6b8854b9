-- Quarters published before figures were stored: count them once from their items and bodies
-- (the same definitions as freeze.ts; the keys in the order the publisher writes them).
UPDATE publications SET figures = (
  SELECT json_object(
    'byStatus', json_object(
      'NEW', coalesce(sum(i.status = 'NEW'), 0), 'ASSIGNED', coalesce(sum(i.status = 'ASSIGNED'), 0),
      'IN_PROGRESS', coalesce(sum(i.status = 'IN_PROGRESS'), 0), 'RESOLVED', coalesce(sum(i.status = 'RESOLVED'), 0),
      'CLOSED', coalesce(sum(i.status = 'CLOSED'), 0), 'REOPENED', coalesce(sum(i.status = 'REOPENED'), 0),
      'DECLINED', coalesce(sum(i.status = 'DECLINED'), 0)),
    'open', (SELECT coalesce(sum(b.open), 0) FROM publication_bodies b WHERE b.publication_id = publications.id),
    'overdue', coalesce(sum(i.overdue), 0),
    'resolved', (SELECT coalesce(sum(b.resolved), 0) FROM publication_bodies b WHERE b.publication_id = publications.id),
    'disputed', (SELECT coalesce(sum(b.disputed), 0) FROM publication_bodies b WHERE b.publication_id = publications.id),
    'deadlinesMoved', (SELECT coalesce(sum(b.deadlines_moved), 0) FROM publication_bodies b WHERE b.publication_id = publications.id),
    'driftDays', (SELECT coalesce(sum(b.drift_days), 0) FROM publication_bodies b WHERE b.publication_id = publications.id),
    'changes', json_object(
      'NEW', coalesce(sum(i.change = 'NEW'), 0), 'STATUS_CHANGED', coalesce(sum(i.change = 'STATUS_CHANGED'), 0),
      'RESOLVED', coalesce(sum(i.change = 'RESOLVED'), 0), 'BECAME_OVERDUE', coalesce(sum(i.change = 'BECAME_OVERDUE'), 0),
      'DEADLINE_MOVED', coalesce(sum(i.change = 'DEADLINE_MOVED'), 0), 'UNCHANGED', coalesce(sum(i.change = 'UNCHANGED'), 0)))
  FROM publication_items i WHERE i.publication_id = publications.id
) WHERE figures IS NULL AND status = 'published';
