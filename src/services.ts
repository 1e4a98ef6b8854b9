import { pino, type Logger } from 'pino';
import { createReferenceRepo } from './modules/reference/reference.repo.ts';
import { createReferenceService } from './modules/reference/reference.service.ts';
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
import { createIssuesQueueRepo } from './modules/issues/issues.queue-repo.ts';
import { createAccountsRepo } from './modules/accounts/accounts.repo.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { createPolicy } from './modules/accounts/policy.ts';
import { createIssuesWriteRepo } from './modules/issues/issues.write-repo.ts';
import type { IssuesServiceOptions } from './modules/issues/issues.service.ts';
import { createMeetingsWriteRepo, createMeetingsWriteService } from './modules/meetings/meetings.write.ts';
import { createPublicationRepo } from './modules/publication/publication.repo.ts';
import { createRoundsRepo } from './modules/publication/rounds.repo.ts';
import { createPublicationService } from './modules/publication/publication.service.ts';
import { createOpenDataService } from './modules/publication/open-data.service.ts';
import { createAreasRepo } from './modules/publication/areas.repo.ts';
import { createAreasService } from './modules/publication/areas.service.ts';
import { createHeldMeetingsRepo } from './modules/meetings/held-meetings.repo.ts';
import { createAsOfRepo } from './modules/publication/as-of.ts';
import { createChangesRepo } from './modules/publication/changes.repo.ts';
import { createCalendarsRepo } from './modules/meetings/calendars.repo.ts';
import { createCalendarsService } from './modules/meetings/calendars.service.ts';
import { createComplianceService } from './modules/meetings/compliance.service.ts';
import { createAkimatDeskService } from './modules/meetings/akimat-desk.service.ts';
import { createMeetingFeedService } from './modules/meetings/meetings.feed.ts';
import { createMeetingRecordRepo } from './modules/meetings/meeting-record.repo.ts';
import { createMeetingRecordService } from './modules/meetings/meeting-record.service.ts';
import { defaultSearchEngine } from './modules/search/search.engine.ts';
import type { SearchIndex } from './modules/search/search.port.ts';
import { createSearchRepo } from './modules/search/search.repo.ts';
import { createSearchService } from './modules/search/search.service.ts';
import type { SearchSyncOptions } from './modules/search/search.sync.ts';
import { createGovernmentService } from './modules/government/government.service.ts';
import { createIssueEventsRepo } from './modules/issues/issues.events-repo.ts';
import { createIssueFeeds } from './modules/issues/issues.feed.ts';
import { createNotificationsRepo } from './modules/notifications/notifications.repo.ts';
import { createNotificationsService } from './modules/notifications/notifications.service.ts';
import { createSavedSearches } from './modules/notifications/saved-search.ts';
import { createOutboxRepo } from './modules/notifications/outbox.repo.ts';
import { createOutboxService } from './modules/notifications/outbox.service.ts';
import { createGroupsRepo } from './modules/groups/groups.repo.ts';
import { createGroupsReadRepo } from './modules/groups/groups.read-repo.ts';
import { createGroupsService } from './modules/groups/groups.service.ts';
import { createLogger } from './modules/operations/logger.ts';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  /** Tracking rate limits and the listeners told of every changed problem (search). */
  issues?: IssuesServiceOptions;
  /** The site's public address for links in email messages (PUBLIC_URL). */
  publicBaseUrl?: string;
  /** The search engine (FTS5 in this database when absent) and how the indexes catch up. */
  search?: { engine?: SearchIndex } & SearchSyncOptions;
  /** scrypt's cost for new password hashes (PASSWORD_SCRYPT_N; production's when absent). */
  passwordScryptN?: number;
  /**
   * Where failures of work done after a commit (listeners, index delivery) are logged, at error
   * level: they cannot fail the write any more, so the log is where they are seen. Errors on
   * stderr when absent (CLIs that wire services themselves).
   */
  logger?: Logger;
}

/** Wires repositories into services. Transports (GraphQL, HTTP, CLI) only ever see this object. */
export function createServices({
  db,
  clock,
  issues: issueOptions,
  search: searchOptions,
  publicBaseUrl = 'http://localhost:4000',
  passwordScryptN,
  logger = createLogger('error', pino.destination(2)),
}: ServiceDeps) {
  const logFailure = (message: string, err: unknown) => logger.error({ err }, message);
  const geography = createGeographyService(createGeographyRepo(db));
  const reference = createReferenceService(createReferenceRepo(db));
  const organizations = createOrganizationsService(createOrganizationsRepo(db), reference);
  const meetings = createMeetingsService({ repo: createMeetingsRepo(db), geography, clock });
  const policy = createPolicy(geography);
  const accounts = createAccountsService({ repo: createAccountsRepo(db), organizations, policy, clock, signInStore: db.$client, scryptN: passwordScryptN });
  const search = createSearchService({
    onError: logFailure,
    ...searchOptions,
    engine: searchOptions?.engine ?? defaultSearchEngine(db),
    repo: createSearchRepo(db),
    clock,
    isOpen: () => db.$client.open,
  });
  const issueEvents = createIssueEventsRepo(db);
  const notificationsRepo = createNotificationsRepo(db);
  const savedSearches = createSavedSearches({ search, repo: notificationsRepo });
  const notifications = createNotificationsService({
    repo: notificationsRepo,
    events: issueEvents,
    geography,
    organizations,
    savedSearches,
    clock,
    publicBaseUrl,
  });
  const outbox = createOutboxService({ repo: createOutboxRepo(db), clock });
  // Search documents carry their problem's public group: a problem entering or leaving one is
  // queued for the live index in the transaction that moved it.
  const groupsRepo = createGroupsRepo(db, {
    onPublicGroupsChanged: [
      (issueIds) => {
        search.issuesWritten(issueIds);
        search.deliverChanges();
      },
    ],
  });
  const groups = createGroupsService({ repo: groupsRepo, readRepo: createGroupsReadRepo(db), geography, policy, clock });
  const issues = createIssuesService({
    onListenerError: logFailure,
    ...issueOptions,
    // After the commit the live search index gets what waits in its outbox (it waits while the engine is down).
    // The problem's group follows too: a new problem finds its group, a changed one refreshes its group's figures.
    onIssueChanged: [...(issueOptions?.onIssueChanged ?? []), () => search.deliverChanges(), (issueId) => groups.issueChanged(issueId)],
    repo: createIssuesRepo(db),
    queueRepo: createIssuesQueueRepo(db),
    // In the same transaction as the change: a problem's followers get its news in the email outbox,
    // and the search outbox records the problem, so neither can be lost to a crash after the commit.
    writeRepo: createIssuesWriteRepo(db, {
      onHistoryAppended: [(updateId, actor) => notifications.issueEventAppended(updateId, actor)],
      onIssueWritten: [(issueId) => search.issuesWritten([issueId])],
    }),
    geography,
    organizations,
    meetings,
    policy,
    clock,
  });
  const issueFeeds = createIssueFeeds({ events: issueEvents, geography });
  const meetingsWrite = createMeetingsWriteService({ repo: createMeetingsWriteRepo(db), policy, geography, organizations, clock });
  const calendarsRepo = createCalendarsRepo(db);
  const calendars = createCalendarsService({ repo: calendarsRepo, geography, policy, clock });
  const compliance = createComplianceService({ repo: calendarsRepo, geography, clock });
  const akimatDesk = createAkimatDeskService({ policy, geography, organizations, meetings, issues, compliance, calendarsRepo });
  const meetingFeeds = createMeetingFeedService({ repo: createMeetingsRepo(db), geography, clock });
  const meetingRecords = createMeetingRecordService({ repo: createMeetingRecordRepo(db), meetings, issues, geography });
  // A body's followers hear of its published list in the transaction that publishes it. The published
  // search index needs no entry there: every search compares its built mark with the latest quarter.
  const publicationRepo = createPublicationRepo(db, {
    onPublished: [(publicationId) => notifications.quarterPublished(publicationId)],
  });
  const roundsRepo = createRoundsRepo(db);
  const publication = createPublicationService({
    repo: publicationRepo,
    rounds: roundsRepo,
    organizations,
    policy,
    clock,
    onQuarterPublished: [() => search.quarterPublished()],
  });
  const openData = createOpenDataService({ repo: publicationRepo, rounds: roundsRepo, organizations });
  const asOfRepo = createAsOfRepo(db);
  /** A problem then (its latest published quarter) and now (live, overdue judged today in its region). */
  const asOf = {
    latestPublishedState: (issueId: number) => asOfRepo.latestPublishedState(issueId),
    liveStates: (issueIds: number[]) => asOfRepo.liveStates(issueIds).map((s) => ({ ...s, overdue: issues.isOverdue(s) })),
  };
  const areas = createAreasService({
    repo: createAreasRepo(db),
    changes: createChangesRepo(db),
    publications: publicationRepo,
    heldMeetings: createHeldMeetingsRepo(db),
    geography,
    organizations,
  });
  const government = createGovernmentService({ publication, issues, organizations, policy, clock, outbox });
  return {
    policy,
    geography,
    reference,
    organizations,
    accounts,
    meetings,
    issues,
    groups,
    issueFeeds,
    notifications,
    outbox,
    meetingsWrite,
    calendars,
    compliance,
    akimatDesk,
    meetingFeeds,
    meetingRecords,
    publication,
    openData,
    areas,
    asOf,
    search,
    government,
  };
}
export type Services = ReturnType<typeof createServices>;
