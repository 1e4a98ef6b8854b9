import cliProgress from 'cli-progress';
import { users } from '../accounts/accounts.tables.ts';
import {
  calendarEntries,
  calendarRevisions,
  calendars,
  calendarTransitions,
  meetingAudience,
  meetingBroadcasts,
  meetings,
} from '../meetings/meetings.tables.ts';
import { issueAssignments, issueContacts, issues, issueUpdates } from '../issues/issues.tables.ts';
import { DEMO_ACCOUNTS, demoUserRows } from './demo-accounts.ts';
import { buildCalendars } from './demo-calendars.ts';
import { loadDemoContext } from './demo-context.ts';
import { buildIssues } from './demo-issues.ts';
import { buildMeetings } from './demo-meetings.ts';
import { Rng } from './random.ts';
import type { DemoFiles } from './seed-files.ts';
import { allOrganizations, insertRows, nextId, type Tx } from './seeding.repo.ts';

// The demo data set: accounts, calendars, meetings and problems, built in memory from a fixed seed
// and written in one transaction, so a failure leaves no half-seeded demo behind.

/** The one number the whole demo grows from. Change it and every generated row changes. */
export const DEMO_SEED = 20_260_127;

export const DEMO_TABLES = [
  'users',
  'calendars',
  'calendar_transitions',
  'calendar_revisions',
  'calendar_entries',
  'meetings',
  'meeting_broadcasts',
  'meeting_audience',
  'issues',
  'issue_contacts',
  'issue_assignments',
  'issue_updates',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

const STEPS = ['accounts', 'calendars', 'meetings', 'problems', 'histories'] as const;

function progressBar(enabled: boolean) {
  if (!enabled) return { step: (_name: string) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'demo data {bar} {value}/{total} {step}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(STEPS.length, 0, { step: 'starting' });
  return {
    step: (name: string) => bar.increment(1, { step: name }),
    stop: () => bar.stop(),
  };
}

export function seedDemo(tx: Tx, files: DemoFiles, passwordHashes: ReadonlyMap<string, string>, progress: boolean): Record<DemoTable, number> {
  const counts = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
  const bar = progressBar(progress);
  try {
    const rng = new Rng(DEMO_SEED);
    // Accounts: reuse one that already exists with a demo e-mail, create the others.
    const orgIdByCode = new Map(allOrganizations(tx).map((o) => [o.code, o.id]));
    const existing = new Map(
      tx
        .select({ id: users.id, email: users.email, organizationId: users.organizationId })
        .from(users)
        .all()
        .map((u) => [u.email, u]),
    );
    const firstUserId = nextId(tx, users);
    const userRows = demoUserRows(0, orgIdByCode, passwordHashes)
      .filter((u) => !existing.has(u.email))
      .map((u, i) => ({ ...u, id: firstUserId + i }));
    counts.users = insertRows(tx, users, userRows);
    const userIds = new Map(
      [...existing.values(), ...userRows.map((u) => ({ id: u.id as number, email: u.email, organizationId: u.organizationId ?? null }))]
        .filter((u) => DEMO_ACCOUNTS.some((a) => a.email === u.email))
        .map((u) => [u.email, u]),
    );
    bar.step('accounts');

    const ctx = loadDemoContext(tx, userIds);
    const cal = buildCalendars(ctx, rng.fork('calendars'), {
      calendars: nextId(tx, calendars),
      transitions: nextId(tx, calendarTransitions),
      revisions: nextId(tx, calendarRevisions),
      entries: nextId(tx, calendarEntries),
    });
    counts.calendars = insertRows(tx, calendars, cal.calendars);
    counts.calendar_transitions = insertRows(tx, calendarTransitions, cal.transitions);
    counts.calendar_revisions = insertRows(tx, calendarRevisions, cal.revisions);
    counts.calendar_entries = insertRows(tx, calendarEntries, cal.entries);
    bar.step('calendars');

    const met = buildMeetings(ctx, rng.fork('meetings'), cal.plans, nextId(tx, meetings), nextId(tx, meetingBroadcasts), files.problems.meetingResults);
    counts.meetings = insertRows(tx, meetings, met.meetings);
    counts.meeting_broadcasts = insertRows(tx, meetingBroadcasts, met.broadcasts);
    counts.meeting_audience = insertRows(tx, meetingAudience, met.audience);
    bar.step('meetings');

    const iss = buildIssues(ctx, rng.fork('issues'), met.plans, files, {
      issues: nextId(tx, issues),
      assignments: nextId(tx, issueAssignments),
      updates: nextId(tx, issueUpdates),
    });
    counts.issues = insertRows(tx, issues, iss.issues);
    counts.issue_contacts = insertRows(tx, issueContacts, iss.contacts);
    bar.step('problems');
    counts.issue_assignments = insertRows(tx, issueAssignments, iss.assignments);
    counts.issue_updates = insertRows(tx, issueUpdates, iss.updates);
    bar.step('histories');
    return counts;
  } finally {
    bar.stop();
  }
}
