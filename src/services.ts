import type { Db } from './db/client.ts';
import type { Clock } from './modules/shared/clock.ts';
import { createGeographyRepo } from './modules/geography/geography.repo.ts';
import { createGeographyService } from './modules/geography/geography.service.ts';
import { createOrganizationsRepo } from './modules/organizations/organizations.repo.ts';
import { createOrganizationsService } from './modules/organizations/organizations.service.ts';
import { createMeetingsRepo } from './modules/meetings/meetings.repo.ts';
import { createMeetingsService } from './modules/meetings/meetings.service.ts';
import { createIssuesRepo } from './modules/issues/issues.repo.ts';
import { createIssuesService } from './modules/issues/issues.service.ts';
import { createAccountsRepo } from './modules/accounts/accounts.repo.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { createPolicy } from './modules/accounts/policy.ts';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
}

/** Wires repositories into services. Transports (GraphQL, HTTP, CLI) only ever see this object. */
export function createServices({ db, clock }: ServiceDeps) {
  const geography = createGeographyService(createGeographyRepo(db));
  const organizations = createOrganizationsService(createOrganizationsRepo(db));
  const meetings = createMeetingsService({ repo: createMeetingsRepo(db), geography });
  const issues = createIssuesService({ repo: createIssuesRepo(db), geography, clock });
  const policy = createPolicy(geography);
  const accounts = createAccountsService({ repo: createAccountsRepo(db), organizations, clock });
  return { policy, geography, organizations, accounts, meetings, issues };
}
export type Services = ReturnType<typeof createServices>;
