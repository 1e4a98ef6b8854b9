import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';

// Every group's stored figures against a recount from the problems themselves (their status, unit,
// region, raising time and body now, not the members' copies): what the triggers keep must equal it.

const DISTRICT = `coalesce(case when u.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN','OBLAST') then u.id end,
  case when p.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') then p.id end,
  case when g.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') then g.id end, u.id)`;

export function expectGroupFiguresExact(app: TestApp): void {
  const stored = app.db.$client
    .prepare(
      `select id, size, district_count as districts, region_count as regions, resolved_count as resolved,
         first_raised_at as first, last_raised_at as last, lead_issue_id as lead from issue_groups order by id`,
    )
    .all();
  const recounted = app.db.$client
    .prepare(
      `select gr.id, count(i.id) as size, count(distinct ${DISTRICT}) as districts, count(distinct i.region_id) as regions,
         coalesce(sum(i.status in ('RESOLVED','CLOSED')), 0) as resolved, min(i.raised_at) as first, max(i.raised_at) as last,
         (select i2.id from issue_group_members m2 join issues i2 on i2.id = m2.issue_id where m2.group_id = gr.id order by i2.raised_at, i2.id limit 1) as lead
       from issue_groups gr left join issue_group_members m on m.group_id = gr.id left join issues i on i.id = m.issue_id
       left join units u on u.id = i.unit_id left join units p on p.id = u.parent_id left join units g on g.id = p.parent_id
       group by gr.id order by gr.id`,
    )
    .all();
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(recounted);
  // "Who answers" counts the members' copies of their body: they must be the problems' bodies now.
  const tally = (body: string) =>
    app.db.$client
      .prepare(
        `select m.group_id, ${body} as body, count(*) as n from issue_group_members m join issues i on i.id = m.issue_id
         where m.group_id is not null group by 1, 2 order by 1, 2`,
      )
      .all();
  expect(tally('m.organization_id')).toEqual(tally('i.responsible_organization_id'));
}
