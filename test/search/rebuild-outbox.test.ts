import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { signInAll, type Tokens } from '../workflows/helpers.ts';
import { searchIssues } from './helpers.ts';

// A fresh live rebuild reads every change that waits in the search outbox (an entry commits with
// its change), so those entries leave after the swap without their documents being written again.
// A change made while the rebuild runs, to a problem it has already read, is still delivered.
// Changes are made here as another process (a regroup, an import) makes them: the problem row and
// its outbox entry, nothing delivered. Temporary triggers count the documents each problem gets.

const app = createTestApp({ seed: 'demo', env: { SEARCH_CATCH_UP_MS: '0' } });
const sqlite = app.db.$client;
let tokens: Tokens;

beforeAll(async () => {
  tokens = await signInAll(app);
  await app.services.search.rebuild('live');
  sqlite.exec(`
    create temp table documents_written (issue_id integer not null);
    create temp trigger document_inserted after insert on main.search_documents begin insert into documents_written values (new.issue_id); end;
    create temp trigger document_updated after update on main.search_documents begin insert into documents_written values (new.issue_id); end;
  `);
});

const written = (issueId: number) => sqlite.prepare('select count(*) from documents_written where issue_id = ?').pluck().get(issueId) as number;
const waiting = () => sqlite.prepare('select count(*) from search_outbox').pluck().get() as number;

/** Renames a problem and queues it for the live index, without delivering it. */
function renameWithoutDelivery(issueId: number, title: string): void {
  sqlite.prepare('update issues set title = ? where id = ?').run(title, issueId);
  app.services.search.issuesWritten([issueId]);
}

async function foundTitles(word: string): Promise<string[]> {
  const result = await searchIssues(app, { query: word, first: 10 }, tokens.admin);
  expect(result.data.index).toBe('LIVE');
  return result.data.hits.map((h) => h.title).sort();
}

describe('a live rebuild and the changes waiting in the outbox', () => {
  it('takes the waiting changes in one write each, and delivers a change made behind it after the swap', async () => {
    const ids = sqlite.prepare('select id from issues order by id').pluck().all() as number[];
    const first = ids[0]!;
    const waitingBefore = ids.slice(-3);
    const titles = ['бір', 'екі', 'үш'].map((n) => `Зырғытбай көпірі ${n} сынған`);
    waitingBefore.forEach((id, i) => renameWithoutDelivery(id, titles[i]!));
    expect(waiting()).toBe(3);
    sqlite.exec('delete from documents_written');

    let changedBehind = false;
    await app.services.search.rebuild('live', {
      batchSize: 5,
      onProgress: (done) => {
        // After the first batch the rebuild has read the first problem: this change comes behind it.
        if (done > 0 && !changedBehind) {
          changedBehind = true;
          renameWithoutDelivery(first, 'Шымылдықбай аялдамасы қираған');
        }
      },
    });

    expect(changedBehind).toBe(true);
    expect(waiting()).toBe(0);
    for (const id of waitingBefore) expect(written(id)).toBe(1);
    // Once by the rebuild (the old title), once delivered after the swap (the new one).
    expect(written(first)).toBe(2);
    expect(await foundTitles('Зырғытбай')).toEqual([...titles].sort());
    expect(await foundTitles('Шымылдықбай')).toEqual(['Шымылдықбай аялдамасы қираған']);
  });
});
