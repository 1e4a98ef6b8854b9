import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, contacts, leaks, serveHttp } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// Every output of the publication (GraphQL, CSV, JSON, Atom, Open311) is public: none may carry a
// citizen's name, phone or IIN, a subscriber's email address, nor who among the staff did what.

const app = createTestApp({ seed: 'demo' });
const http = await serveHttp(app);

/** A subscriber of a problem and of a region, confirmed: their addresses must not reach any output either. */
const SUBSCRIBERS = ['published.subscriber@example.kz', 'region.subscriber@example.kz'];

beforeAll(async () => {
  const notifications = app.services.notifications;
  const problem = app.db.$client.prepare('select id from issues order by id limit 1').pluck().get() as number;
  await notifications.subscribeToIssue(problem, { email: SUBSCRIBERS[0], language: 'kk' });
  await notifications.subscribe({ email: SUBSCRIBERS[1]!, language: 'ru', frequency: 'DAILY', target: { scope: 'REGION', regionCode: 'KZ-19' } });
  const ids = app.db.$client.prepare('select id from subscriptions').pluck().all() as number[];
  for (const id of ids) expect(await notifications.confirm(notifications.tokens.sign('confirm', id))).not.toBeNull();
  clearPublications(app);
  await app.services.publication.publishDue({ delayHours: 0 });
});

async function text(path: string): Promise<string> {
  const res = await http.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

describe('no personal data in any published output', () => {
  it('holds for every download, feed, Open311 answer and GraphQL field of the publications', async () => {
    const people = contacts(app);
    expect(people.length).toBeGreaterThan(300);
    const staff = app.db.$client.prepare('select email, display_name from users').all() as { email: string; display_name: string }[];
    expect(staff.length).toBeGreaterThan(0);

    const outputs: string[] = [];
    const index = JSON.parse(await text('/open-data/index.json'));
    for (const p of index.publications) {
      outputs.push(await text(`/open-data/quarters/${p.label}.csv`), await text(`/open-data/quarters/${p.label}.json`));
    }
    for (const b of index.publications[0].bodies) {
      const code = b.organizationCode;
      outputs.push(
        await text(`/open-data/quarters/${index.publications[0].label}/bodies/${code}.csv`),
        await text(`/open-data/quarters/${index.publications[0].label}/bodies/${code}.json`),
        await text(`/feeds/bodies/${code}.atom`),
      );
    }
    for (const r of index.collectionRounds) outputs.push(await text(`/open-data/rounds/${r.label}.csv`), await text(`/open-data/rounds/${r.label}.json`));
    outputs.push(await text('/feeds/publications.atom'), await text('/open311/v2/services.json'));
    for (const format of ['json', 'xml']) outputs.push(await text(`/open311/v2/requests.${format}?page_size=1000`));

    const gql = await app.gql(
      graphql(`{
      publications { label bodies { organization { code name } total } items(first: 100) { edges { node {
        number title text resolutionPlan publicNote status history { at kind actor organizationCode statusBefore statusAfter progress dueDateBefore dueDateAfter publicNote } } } } }
      collectionRounds { items { number title text proposal resolutionPlan } }
    }`),
    );
    expect(gql.errors).toBeUndefined();
    outputs.push(JSON.stringify(gql.data));

    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(100_000);
    expect(leaks(people, all)).toEqual([]);
    expect(staff.flatMap((u) => [u.email, u.display_name]).filter((v) => all.includes(v))).toEqual([]);
    expect(SUBSCRIBERS.filter((address) => all.includes(address) || all.includes(address.split('@')[0]!))).toEqual([]);
    // Nothing that looks like an IIN (12 digits standing alone, not inside a hash) or a Kazakh mobile number.
    expect(all.match(/(?<![0-9a-z])\d{12}(?![0-9a-z])/gi) ?? []).toEqual([]);
    expect(all.match(/\+7\s?7\d{2}/g) ?? []).toEqual([]);
  });
});
