import type { Db } from '../../db/client.ts';
import { createGroupsService } from '../groups/groups.service.ts';
import { createGroupsRepo } from '../groups/groups.repo.ts';
import { createGroupsReadRepo } from '../groups/groups.read-repo.ts';
import { createGeographyRepo } from '../geography/geography.repo.ts';
import { createGeographyService } from '../geography/geography.service.ts';
import { createPolicy } from '../accounts/policy.ts';
import { fixedClock } from '../shared/clock.ts';
import { DEMO_END_AT } from './demo-time.ts';

/** The demo's problems grouped as the full regroup groups them, dated when the demo ends (deterministic). */
export async function groupDemoProblems(db: Db): Promise<void> {
  const geography = createGeographyService(createGeographyRepo(db));
  const groups = createGroupsService({
    repo: createGroupsRepo(db),
    readRepo: createGroupsReadRepo(db),
    geography,
    policy: createPolicy(geography),
    clock: fixedClock(DEMO_END_AT),
  });
  await groups.regroup();
}
