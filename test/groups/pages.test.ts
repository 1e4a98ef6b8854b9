import { describe, expect, it } from 'vitest';
import { contactValues, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { StaffClient, csrfOf } from '../staff/helpers.ts';
import { expectType, graphql } from '../helpers/graphql.ts';
import { DEMO, signIn } from '../workflows/helpers.ts';

// Groups on the public pages and in the staff console over HTTP, without JavaScript: the problem
// page says how many times and where, the group page in three languages, the Atom feed, no
// personal data anywhere, and the ministry taking a wrongly grouped problem out with a plain form.

const site: PublicSite = await startPublicSite();
const { app } = site;

/** The largest group whose members include a problem the demo Ministry of Energy answers for. */
function energyGroup(): { group: number; member: number; size: number } {
  const row = app.db.$client
    .prepare(
      `select g.id as "group", g.size as size, i.id as member from issue_groups g join issue_group_members m on m.group_id = g.id
       join issues i on i.id = m.issue_id join organizations o on o.id = i.responsible_organization_id
       where o.code = 'MIN-ENERGY' and g.size >= 3 order by g.size desc, g.id limit 1`,
    )
    .get() as { group: number; member: number; size: number } | undefined;
  if (!row) throw new Error('the demo has no group with a MIN-ENERGY problem');
  return row;
}

const text = async (path: string) => {
  const res = await site.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('public pages', () => {
  it('a water problem of the demo says how many times and in how many districts and regions it was raised, with the others', async () => {
    const group = app.services.groups.listGroups({ category: 'WATER_SUPPLY' }, 'SIZE_DESC', null, 1);
    const g = (await group)[0]!;
    const members = app.services.groups.memberViews(g.id, 100);
    const page = await text(`/en/problems/${members[0]!.id}`);
    expect(page).toContain(`Raised ${g.size} times in ${g.districtCount} districts of ${g.regionCount} regions since`);
    for (const other of members.slice(1, 5)) expect(page).toContain(`/en/problems/${other.id}`);
    expect(page).toContain(`href="/en/groups/${g.id}"`);
    expect(page).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]*href="/feeds/groups/${g.id}\\.atom\\?lang=en"`));
    const ru = await text(`/ru/problems/${members[0]!.id}`);
    expect(ru).toContain(`Поднималась ${g.size} раз`);
  });

  it('a problem in no group has no such section', async () => {
    const alone = app.db.$client
      .prepare('select id from issues where id not in (select issue_id from issue_group_members where group_id is not null) limit 1')
      .get() as { id: number };
    const page = await text(`/en/problems/${alone.id}`);
    expect(page).not.toContain('The same problem elsewhere');
  });

  it('the group page shows where, when, who answers and how many are resolved, in kk, ru and en', async () => {
    const { group } = energyGroup();
    const g = app.services.groups.findGroup(group)!;
    const en = await text(`/en/groups/${group}`);
    expect(en).toContain(`Group No. ${group}: `);
    expect(en).toContain(`Raised ${g.size} times`);
    for (const heading of ['Where', 'When', 'Who answers', 'The problems']) expect(en).toContain(`>${heading}</h2>`);
    expect(en).toContain(`${g.resolvedCount} of ${g.size} resolved`);
    for (const q of app.services.groups.perQuarter(group)) expect(en).toContain(`<th scope="row">${q.quarter}</th>`);
    for (const b of app.services.groups.bodies(group)) expect(en).toContain(`/en/bodies/${b.code}`);
    expect(await text(`/kk/groups/${group}`)).toContain(`№ ${group} топ`);
    expect(await text(`/ru/groups/${group}`)).toContain(`Группа № ${group}`);
    for (const bad of ['/en/groups/999999', '/en/groups/abc', '/en/groups/0']) expect((await site.get(bad)).status, bad).toBe(404);
  });

  it('the group feed lists its problems as Atom; an unknown group is a 404', async () => {
    const { group, size } = energyGroup();
    const res = await site.get(`/feeds/groups/${group}.atom?lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xml.match(/<entry>/g)).toHaveLength(Math.min(size, 50));
    expect(xml).toContain(`urn:jauap:feeds:groups:${group}`);
    expect((await site.get('/feeds/groups/999999.atom')).status).toBe(404);
  });

  it('no citizen’s name, phone or IIN on a group page, a problem page or a group feed', async () => {
    const { group, member } = energyGroup();
    const pages = [await text(`/ru/groups/${group}`), await text(`/ru/problems/${member}`), await (await site.get(`/feeds/groups/${group}.atom`)).text()];
    const gql = await app.gql(graphql(`{ issueGroups(first: 5) { edges { node { members(first: 50) { edges { node { title text } } } } } } }`));
    pages.push(JSON.stringify(gql));
    for (const value of contactValues(app)) for (const body of pages) expect(body.includes(value), value).toBe(false);
  });
});

describe('published quarters carry each problem’s group', () => {
  it('the home page lists the most raised problems of the latest quarter, as its published list has them', async () => {
    const latest = (await app.services.publication.listPublications())[0]!;
    const label = `${latest.year}-Q${latest.quarter}`;
    const home = await text('/en/');
    expect(home).toContain(`Most raised problems, ${label}`);
    const expected = app.services.groups.largestOfPublishedQuarter({ year: latest.year, quarter: latest.quarter });
    expect(expected.length).toBeGreaterThan(0);
    for (const g of expected) {
      expect(home).toContain(`href="/en/groups/${g.id}"`);
      expect(home).toContain(`${g.raisedInPeriod} times in ${label}`);
    }
    // Counted from the published items themselves.
    const top = expected[0]!;
    const counted = app.db.$client
      .prepare(`select count(*) as n from publication_items where publication_id = ? and group_id = ? and raised_at >= ?`)
      .get(latest.id, top.id, `${latest.year}-01-01`) as { n: number };
    expect(counted.n).toBeGreaterThanOrEqual(top.raisedInPeriod);
  });

  it('the open-data CSV ends with group_id and the JSON has groupId, both as the group stood when published', async () => {
    const latest = (await app.services.publication.listPublications())[0]!;
    const label = `${latest.year}-Q${latest.quarter}`;
    const csv = await (await site.get(`/open-data/quarters/${label}.csv`)).text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(header!.split(',').at(-1)).toBe('group_id');
    const json = (await (await site.get(`/open-data/quarters/${label}.json`)).json()) as { items: { id: number; groupId: number | null }[] };
    const grouped = json.items.filter((i) => i.groupId !== null);
    expect(grouped.length).toBeGreaterThan(0);
    expect(lines.length).toBe(json.items.length);
    // Unchanged since publication in this test's database: the live groups agree.
    for (const item of grouped.slice(0, 20)) expect(app.services.groups.groupOfIssue(item.id)?.id).toBe(item.groupId);
    const alone = json.items.find((i) => i.groupId === null)!;
    expect(app.services.groups.groupOfIssue(alone.id)).toBeNull();
    const gql = await app.gql(
      graphql(
        `query ($year: Int!, $quarter: Int!) { publication(year: $year, quarter: $quarter) { items(first: 100) { edges { node { number groupNumber } } } } }`,
      ),
      { year: latest.year, quarter: latest.quarter },
    );
    expect(gql.errors).toBeUndefined();
    const byId = new Map(json.items.map((i) => [i.id, i.groupId]));
    for (const { node } of gql.data.publication!.items.edges) expect(node.groupNumber).toBe(byId.get(node.number));
  });

  it('a published list downloaded with its group_id column is read by the bulk update (the header is accepted)', async () => {
    const energy = await (await import('../workflows/helpers.ts')).signIn(app, 'energy@jauap.demo');
    const csv =
      'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note,group_id\r\nx,,,,,,,,,,,,,,7\r\n';
    const res = await app.gql(
      graphql(`mutation ($csv: String!) { bulkUpdateIssues(csv: $csv) { __typename ... on CsvRejectedError { rows { row column message } } } }`),
      { csv },
      { token: energy },
    );
    expectType(res.data.bulkUpdateIssues, 'CsvRejectedError');
    expect(res.data.bulkUpdateIssues.rows).toEqual([{ row: 2, column: 'id', message: 'must be the number of a problem' }]);
  });
});

describe('the staff console, without JavaScript', () => {
  it('the answering ministry takes a problem out of its group; the public pages update and the history says so', async () => {
    const { group, member, size } = energyGroup();
    const before = await site.get(`/en/problems/${member}`);
    const etag = before.headers.get('etag')!;
    expect(await before.text()).toContain(`Raised ${size} times`);

    const energy = new StaffClient(site.base);
    await energy.signIn('energy@jauap.demo');
    const staffPage = await energy.get(`/en/staff/issues/${member}`);
    expect(staffPage.body).toContain(`In group No. ${group} with ${size - 1} other problems.`);
    expect(staffPage.body).toContain('Take out of the group');

    // A form rendered before somebody else's change is refused with words, nothing changes.
    const stale = await energy.post(`/en/staff/issues/${member}/group`, { _csrf: csrfOf(staffPage.body), action: 'remove', currentGroup: String(group + 1) });
    expect(stale.status).toBe(303);
    expect((await energy.get(stale.location!)).body).toContain('Its group changed since you opened the page');
    expect(app.services.groups.groupOfIssue(member)?.id).toBe(group);

    const removed = await energy.post(`/en/staff/issues/${member}/group`, {
      _csrf: csrfOf(staffPage.body),
      action: 'remove',
      currentGroup: String(group),
      note: 'A different problem',
    });
    expect(removed.location).toBe(`/en/staff/issues/${member}?group=saved#group-heading`);
    const after = (await energy.get(removed.location!)).body;
    expect(after).toContain('The group was changed.');
    expect(after).toContain('Taken out of its group by staff');
    expect(after).toMatch(/Taken out of its group<\/strong>: group No\. \d+ → —/);

    const fresh = await site.get(`/en/problems/${member}`, { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).not.toContain('The same problem elsewhere');
    expect(await text(`/en/groups/${group}`)).toContain(`Raised ${size - 1} times`);

    // Another body's staff cannot see the problem's staff page; a forged post is refused.
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    const other = app.services.groups.memberViews(group, 10).find((m) => m.body?.code !== 'MIN-WATER-RESOURCES')!;
    expect((await water.get(`/en/staff/issues/${other.id}`)).status).toBe(404);
    const account = await water.get('/en/staff/account');
    const forged = await water.post(`/en/staff/issues/${other.id}/group`, { _csrf: csrfOf(account.body), action: 'remove', currentGroup: String(group) });
    expect(forged.location).toContain('group=forbidden');
    expect(app.services.groups.groupOfIssue(other.id)?.id).toBe(group);

    // Moving it back by the number of another problem of the group.
    const page2 = await energy.get(`/en/staff/issues/${member}`);
    const moved = await energy.post(`/en/staff/issues/${member}/group`, {
      _csrf: csrfOf(page2.body),
      action: 'move',
      currentGroup: '',
      withIssue: String(other.id),
    });
    expect(moved.location).toContain('group=saved');
    expect(app.services.groups.groupOfIssue(member)?.id).toBe(group);
    const bad = await energy.post(`/en/staff/issues/${member}/group`, {
      _csrf: csrfOf(page2.body),
      action: 'move',
      currentGroup: String(group),
      toGroup: 'abc',
    });
    expect(bad.location).toContain('group=invalid');
  });
});

describe('a group since dissolved', () => {
  it('answers 410 with the problems it had and the group each is in now, in en, ru and kk; a number never used stays 404', async () => {
    const admin = await signIn(app, DEMO.admin);
    const group = app.db.$client.prepare('select id from issue_groups where size >= 2 order by size, id limit 1').pluck().get() as number;
    const members = app.services.groups.memberViews(group, 100).map((m) => m.id);
    // Staff take its problems apart: once one is left, it is no group any more.
    for (const issueId of members.slice(1)) {
      const res = await app.gql(
        graphql(`mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename } }`),
        { input: { issueId: String(issueId), currentGroupNumber: group, note: 'Басқа мәселелер' } },
        { token: admin },
      );
      expect(res.data.removeIssueFromGroup.__typename).toBe('MutationRemoveIssueFromGroupSuccess');
    }
    const res = await site.get(`/en/groups/${group}`);
    expect(res.status).toBe(410);
    const page = await res.text();
    expect(page).toContain(`Group No. ${group} no longer exists`);
    for (const id of members) expect(page).toContain(`href="/en/problems/${id}"`);
    expect(page.match(/in no group now/g)).toHaveLength(members.length);
    for (const value of contactValues(app)) expect(page.includes(value), value).toBe(false);
    expect(await (await site.get(`/ru/groups/${group}`)).text()).toContain(`Группы № ${group} больше нет`);
    expect(await (await site.get(`/kk/groups/${group}`)).text()).toContain(`№ ${group} топ енді жоқ`);
    const unused = (app.db.$client.prepare('select max(id) from issue_groups').pluck().get() as number) + 1000;
    expect((await site.get(`/en/groups/${unused}`)).status).toBe(404);
  });
});
