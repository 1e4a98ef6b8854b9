import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { call, issueIn, signInAll, type Tokens } from '../workflows/helpers.ts';
import { searchIssues } from './helpers.ts';

// The search outbox is written in the transaction of the write it reflects: a write that rolls back
// leaves no entry behind, and a committed write always has one (a crash after the commit cannot
// lose the index update). Failures are SQLite's own: temporary triggers refuse the history entry
// a write appends after it changed the problem, or the outbox entry itself. Temporary triggers also
// log every outbox entry as it is written, in the same transaction, since delivery removes entries
// soon after the commit.

const errors: { msg: string; err?: { message: string } }[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line)) });
const app = createTestApp({ seed: 'demo', env: { SEARCH_CATCH_UP_MS: '0' }, logger });
const sqlite = app.db.$client;
let tokens: Tokens;

beforeAll(async () => {
  tokens = await signInAll(app);
  sqlite.exec(`
    create temp table outbox_log (issue_id integer not null);
    create temp trigger outbox_inserted after insert on main.search_outbox begin insert into outbox_log values (new.issue_id); end;
    create temp trigger outbox_updated after update on main.search_outbox begin insert into outbox_log values (new.issue_id); end;
  `);
});

const logged = (issueId: number) => (sqlite.prepare('select count(*) from outbox_log where issue_id = ?').pluck().get(issueId) as number) ?? 0;
const waiting = (issueId: number) => sqlite.prepare('select count(*) from search_outbox where issue_id = ?').pluck().get(issueId) as number;
const idOf = (title: string) => sqlite.prepare('select id from issues where title = ?').pluck().get(title) as number;
const versionOf = (issueId: number) => sqlite.prepare('select version from issues where id = ?').pluck().get(issueId) as number;

function refuseHistoryOf(issueId: number): void {
  sqlite.exec(`create temp trigger refuse_history before insert on main.issue_updates when new.issue_id = ${Number(issueId)}
    begin select raise(abort, 'refused by the test'); end;`);
}

describe('the search outbox and the write it reflects', () => {
  it('a problem write that rolls back leaves no outbox entry; the same write committed leaves one, and search finds it', async () => {
    const title = 'Көше шамдары түнде жанбайды Ақсу ауылында';
    const fixture = await issueIn(app, tokens, 'ASSIGNED', title);
    const issueId = idOf(title);
    expect(logged(issueId)).toBeGreaterThan(0);
    await app.services.search.flush();
    sqlite.exec('delete from outbox_log');
    const before = versionOf(issueId);
    const input = { issueId: fixture.id, status: 'IN_PROGRESS' as const, resolutionPlan: 'Шамдар ауыстырылады', dueDate: '2027-03-31', progress: 20 };

    refuseHistoryOf(issueId);
    const refused = await call(app, 'updateIssueProgress', { input }, tokens.energy);
    expect(refused.typename).not.toBe('MutationUpdateIssueProgressSuccess');
    expect(versionOf(issueId)).toBe(before);
    expect(logged(issueId)).toBe(0);
    expect(waiting(issueId)).toBe(0);
    sqlite.exec('drop trigger temp.refuse_history');

    // The other way round: a write whose outbox entry cannot be recorded does not happen either.
    sqlite.exec(`create temp trigger refuse_outbox before insert on main.search_outbox when new.issue_id = ${Number(issueId)}
      begin select raise(abort, 'refused by the test'); end;`);
    const unrecorded = await call(app, 'updateIssueProgress', { input }, tokens.energy);
    expect(unrecorded.typename).not.toBe('MutationUpdateIssueProgressSuccess');
    expect(versionOf(issueId)).toBe(before);
    sqlite.exec('drop trigger temp.refuse_outbox');

    const done = await call(app, 'updateIssueProgress', { input }, tokens.energy);
    expect(done.typename, JSON.stringify(done)).toBe('MutationUpdateIssueProgressSuccess');
    expect(versionOf(issueId)).toBe(before + 1);
    expect(logged(issueId)).toBe(1);
    const found = await searchIssues(app, { query: 'шамдары', filter: { statuses: ['IN_PROGRESS'] } }, tokens.admin);
    expect(found.data.index).toBe('LIVE');
    expect(found.data.hits.map((h: any) => h.number)).toContain(fixture.number);
    expect(waiting(issueId)).toBe(0);
  });

  it('a new problem whose recording rolls back leaves no outbox entry', async () => {
    const entries = () => sqlite.prepare('select count(*) from outbox_log').pluck().get() as number;
    sqlite.exec('delete from outbox_log');
    const next = (sqlite.prepare('select coalesce(max(id), 0) + 1 from issues').pluck().get() as number) ?? 1;
    refuseHistoryOf(next);
    const title = 'Балалар алаңы бұзылған Ақсу ауылында';
    await expect(issueIn(app, tokens, 'NEW', title)).rejects.toThrow();
    sqlite.exec('drop trigger temp.refuse_history');
    expect(idOf(title)).toBeUndefined();
    expect(entries()).toBe(0);
  });
});

describe('work after the commit', () => {
  it('a failed delivery to the index is logged at error level; the write stays committed and its entry waits', async () => {
    const title = 'Аялдамада шатыр жоқ Ақсу ауылында';
    const fixture = await issueIn(app, tokens, 'NEW', title);
    const issueId = idOf(title);
    await app.services.search.flush();
    sqlite.exec(`create temp trigger refuse_document before insert on main.search_documents when new.issue_id = ${Number(issueId)}
      begin select raise(abort, 'refused by the test'); end;`);
    errors.splice(0);
    const assigned = await call(app, 'assignIssue', { input: { issueId: fixture.id, organizationCode: 'MIN-ENERGY' } }, tokens.akimat);
    expect(assigned.typename, JSON.stringify(assigned)).toBe('MutationAssignIssueSuccess');
    await app.services.search.flush().catch(() => undefined);
    expect(errors).toContainEqual(expect.objectContaining({ level: 50, msg: 'delivering changes to the search index failed' }));
    expect(JSON.stringify(errors)).toContain('refused by the test');
    expect(waiting(issueId)).toBe(1);
    sqlite.exec('drop trigger temp.refuse_document');
    await app.services.search.flush();
    expect(waiting(issueId)).toBe(0);
    const found = await searchIssues(app, { query: 'шатыр', filter: { statuses: ['ASSIGNED'] } }, tokens.admin);
    expect(found.data.hits.map((h: any) => h.number)).toContain(fixture.number);
  });
});
