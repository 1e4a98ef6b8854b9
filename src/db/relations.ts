import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.ts';

// One place for the relational graph: drizzle's relations v2 want it whole, and the Pothos plugin
// reads it to plan nested GraphQL selections into single SQL statements.
export const relations = defineRelations(schema, (r) => ({
  units: {
    parent: r.one.units({ from: r.units.parentId, to: r.units.id, alias: 'unit_parent' }),
    children: r.many.units({ from: r.units.id, to: r.units.parentId, alias: 'unit_parent' }),
    region: r.one.units({ from: r.units.regionId, to: r.units.id, alias: 'unit_region' }),
    akimat: r.one.organizations({ from: r.units.id, to: r.organizations.unitId }),
    regionIssues: r.many.issues({ from: r.units.id, to: r.issues.regionId }),
  },
  organizations: {
    unit: r.one.units({ from: r.organizations.unitId, to: r.units.id }),
    categories: r.many.organizationCategories(),
    responsibleFor: r.many.issues({ from: r.organizations.id, to: r.issues.responsibleOrganizationId }),
  },
  organizationCategories: {
    organization: r.one.organizations({
      from: r.organizationCategories.organizationId,
      to: r.organizations.id,
      optional: false,
    }),
  },
  users: {
    organization: r.one.organizations({ from: r.users.organizationId, to: r.organizations.id }),
    sessions: r.many.sessions(),
  },
  sessions: {
    user: r.one.users({ from: r.sessions.userId, to: r.users.id, optional: false }),
  },
  calendars: {
    region: r.one.units({ from: r.calendars.regionId, to: r.units.id, optional: false }),
    transitions: r.many.calendarTransitions(),
    revisions: r.many.calendarRevisions(),
    entries: r.many.calendarEntries(),
  },
  calendarTransitions: {
    calendar: r.one.calendars({ from: r.calendarTransitions.calendarId, to: r.calendars.id, optional: false }),
  },
  calendarRevisions: {
    calendar: r.one.calendars({ from: r.calendarRevisions.calendarId, to: r.calendars.id, optional: false }),
  },
  calendarEntries: {
    calendar: r.one.calendars({ from: r.calendarEntries.calendarId, to: r.calendars.id, optional: false }),
    akimUnit: r.one.units({ from: r.calendarEntries.akimUnitId, to: r.units.id, optional: false, alias: 'entry_akim_unit' }),
    visitedUnit: r.one.units({ from: r.calendarEntries.visitedUnitId, to: r.units.id, optional: false, alias: 'entry_visited_unit' }),
    meetings: r.many.meetings({ from: r.calendarEntries.id, to: r.meetings.calendarEntryId }),
  },
  meetings: {
    unit: r.one.units({ from: r.meetings.unitId, to: r.units.id, optional: false, alias: 'meeting_unit' }),
    region: r.one.units({ from: r.meetings.regionId, to: r.units.id, optional: false, alias: 'meeting_region' }),
    akimUnit: r.one.units({ from: r.meetings.akimUnitId, to: r.units.id, optional: false, alias: 'meeting_akim_unit' }),
    calendarEntry: r.one.calendarEntries({ from: r.meetings.calendarEntryId, to: r.calendarEntries.id }),
    broadcasts: r.many.meetingBroadcasts(),
    audience: r.many.meetingAudience(),
    issues: r.many.issues({ from: r.meetings.id, to: r.issues.meetingId }),
  },
  meetingBroadcasts: {
    meeting: r.one.meetings({ from: r.meetingBroadcasts.meetingId, to: r.meetings.id, optional: false }),
  },
  meetingAudience: {
    meeting: r.one.meetings({ from: r.meetingAudience.meetingId, to: r.meetings.id, optional: false }),
  },
  issues: {
    meeting: r.one.meetings({ from: r.issues.meetingId, to: r.meetings.id, optional: false }),
    unit: r.one.units({ from: r.issues.unitId, to: r.units.id, optional: false, alias: 'issue_unit' }),
    region: r.one.units({ from: r.issues.regionId, to: r.units.id, optional: false, alias: 'issue_region' }),
    responsibleOrganization: r.one.organizations({
      from: r.issues.responsibleOrganizationId,
      to: r.organizations.id,
      alias: 'issue_responsible',
    }),
    recordedByOrganization: r.one.organizations({
      from: r.issues.recordedByOrganizationId,
      to: r.organizations.id,
      optional: false,
      alias: 'issue_recorder',
    }),
    assignments: r.many.issueAssignments(),
    updates: r.many.issueUpdates(),
    contact: r.one.issueContacts({ from: r.issues.id, to: r.issueContacts.issueId }),
  },
  issueContacts: {
    issue: r.one.issues({ from: r.issueContacts.issueId, to: r.issues.id, optional: false }),
  },
  issueAssignments: {
    issue: r.one.issues({ from: r.issueAssignments.issueId, to: r.issues.id, optional: false }),
    organization: r.one.organizations({
      from: r.issueAssignments.organizationId,
      to: r.organizations.id,
      optional: false,
      alias: 'assignment_org',
    }),
    fromOrganization: r.one.organizations({
      from: r.issueAssignments.fromOrganizationId,
      to: r.organizations.id,
      alias: 'assignment_from_org',
    }),
  },
  issueUpdates: {
    issue: r.one.issues({ from: r.issueUpdates.issueId, to: r.issues.id, optional: false }),
    organization: r.one.organizations({ from: r.issueUpdates.organizationId, to: r.organizations.id }),
  },
  publications: {
    bodies: r.many.publicationBodies(),
    items: r.many.publicationItems(),
    previous: r.one.publications({ from: r.publications.previousPublicationId, to: r.publications.id, alias: 'publication_previous' }),
  },
  publicationBodies: {
    publication: r.one.publications({ from: r.publicationBodies.publicationId, to: r.publications.id, optional: false }),
    organization: r.one.organizations({ from: r.publicationBodies.organizationId, to: r.organizations.id, optional: false }),
    items: r.many.publicationItems({
      from: [r.publicationBodies.publicationId, r.publicationBodies.organizationId],
      to: [r.publicationItems.publicationId, r.publicationItems.organizationId],
      alias: 'publication_body_items',
    }),
  },
  publicationItems: {
    publication: r.one.publications({ from: r.publicationItems.publicationId, to: r.publications.id, optional: false }),
    organization: r.one.organizations({ from: r.publicationItems.organizationId, to: r.organizations.id, optional: false }),
    region: r.one.units({ from: r.publicationItems.regionId, to: r.units.id, optional: false, alias: 'item_region' }),
    unit: r.one.units({ from: r.publicationItems.unitId, to: r.units.id, optional: false, alias: 'item_unit' }),
  },
  collectionRounds: {
    items: r.many.collectionRoundItems(),
  },
  collectionRoundItems: {
    round: r.one.collectionRounds({ from: r.collectionRoundItems.roundId, to: r.collectionRounds.id, optional: false }),
    organization: r.one.organizations({ from: r.collectionRoundItems.organizationId, to: r.organizations.id, optional: false }),
    region: r.one.units({ from: r.collectionRoundItems.regionId, to: r.units.id, optional: false, alias: 'round_item_region' }),
    unit: r.one.units({ from: r.collectionRoundItems.unitId, to: r.units.id, optional: false, alias: 'round_item_unit' }),
  },
}));
