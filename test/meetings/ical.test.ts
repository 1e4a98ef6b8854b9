import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { MUTATION_ERROR, mutate, signIn } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// The public iCalendar feeds, fetched over real HTTP and read back with node-ical.

const app = createTestApp({ seed: 'demo' });
let server: Server;
let base: string;

beforeAll(async () => {
  server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function feed(path: string): Promise<{ status: number; type: string | null; events: VEvent[]; text: string }> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  const events = res.status === 200 ? Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c.type === 'VEVENT') : [];
  return { status: res.status, type: res.headers.get('content-type'), events, text };
}

const meetingNumber = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

const MEETINGS = graphql(`query($f: MeetingFilter) { meetings(filter: $f, first: 100) { edges { node {
  id status plannedStartAt actualStartAt actualEndAt plannedDurationMinutes akimLevel
  unit { code kk: name(lang: kk) ru: name(lang: ru) region { code } } broadcasts { url }
} } } }`);

describe('the region feed', () => {
  it('lists the last 30 days and what is coming, with stable UIDs, the unit as location and the broadcasts', async () => {
    const first = await feed('/calendar/regions/KZ-19.ics');
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/calendar/);
    expect(first.text).toContain('BEGIN:VCALENDAR');
    expect(first.events.length).toBeGreaterThan(3);
    for (const e of first.events) expect(e.uid).toMatch(/^meeting-\d+@jauap$/);
    expect(new Set(first.events.map((e) => e.uid)).size).toBe(first.events.length);

    // From 30 days before "now" (2026-11-27T06:00Z) on: the same set as the read API gives.
    const res = await app.gql(MEETINGS, { f: { regionCodes: ['KZ-19'], from: '2026-10-28' } });
    const expected = res.data.meetings.edges.map((e: any) => e.node).filter((m: any) => m.plannedStartAt >= '2026-10-28T06:00:00.000Z');
    expect(first.events.map((e) => e.uid).sort()).toEqual(expected.map((m: any) => `meeting-${meetingNumber(m.id)}@jauap`).sort());

    const held = expected.find((m: any) => m.status === 'HELD' && m.broadcasts.length > 0);
    const event = first.events.find((e) => e.uid === `meeting-${meetingNumber(held.id)}@jauap`)!;
    expect(event.start.toISOString()).toBe(held.actualStartAt);
    expect(event.end.toISOString()).toBe(held.actualEndAt);
    expect(event.location.startsWith(held.unit.kk)).toBe(true);
    expect(event.summary).toContain(held.unit.kk);
    expect(event.description).toContain(held.akimLevel === 'REGION' ? 'облыс әкімі' : 'аудан әкімі');
    for (const b of held.broadcasts) expect(event.description).toContain(b.url);
    // node-ical gives URL;VALUE=URI as { params, val }.
    expect(event.url as unknown).toMatchObject({ val: held.broadcasts[0].url });

    const planned = expected.find((m: any) => m.status === 'PLANNED');
    const plannedEvent = first.events.find((e) => e.uid === `meeting-${meetingNumber(planned.id)}@jauap`)!;
    expect(plannedEvent.start.toISOString()).toBe(planned.plannedStartAt);
    expect(plannedEvent.end.getTime() - plannedEvent.start.getTime()).toBe(planned.plannedDurationMinutes * 60_000);

    // Fetched again, the same events come back unchanged.
    const second = await feed('/calendar/regions/KZ-19.ics');
    expect(second.text).toBe(first.text);
  });

  it('speaks Russian on ?lang=ru, marks a cancelled meeting as cancelled, and answers 404 for what is not a region', async () => {
    const res = await app.gql(MEETINGS, { f: { regionCodes: ['KZ-19'], statuses: ['PLANNED'], from: '2026-12-01' } });
    const planned = res.data.meetings.edges[0]!.node;
    const token = await signIn(app, 'akimat@jauap.demo');
    const cancelled = await mutate(
      app,
      token,
      graphql(
        `mutation ($id: ID!) { result: cancelMeeting(meetingId: $id, reason: "Паводок") {
          __typename ...MutationError ... on MutationCancelMeetingSuccess { data { status } } } }`,
        [MUTATION_ERROR],
      ),
      { id: planned.id },
    );
    expect(cancelled.data.status).toBe('CANCELLED');

    const ru = await feed('/calendar/regions/KZ-19.ics?lang=ru');
    const event = ru.events.find((e) => e.uid === `meeting-${meetingNumber(planned.id)}@jauap`)!;
    expect(event.status).toBe('CANCELLED');
    expect(event.summary).toContain('Встреча отменена');
    expect(event.location.startsWith(planned.unit.ru)).toBe(true);

    expect((await feed('/calendar/regions/KZ-00.ics')).status).toBe(404);
    expect((await feed('/calendar/regions/KZ-19-TALGAR.ics')).status).toBe(404);
    expect((await feed('/calendar/regions/KZ-19.txt')).status).toBe(404);
  });
});

describe('the unit feed', () => {
  it('lists the meetings held in the unit and below it, and nothing else', async () => {
    const talgar = await feed('/calendar/units/KZ-19-TALGAR.ics?lang=en');
    expect(talgar.status).toBe(200);
    expect(talgar.events.length).toBeGreaterThan(0);
    const res = await app.gql(MEETINGS, { f: { regionCodes: ['KZ-19'], from: '2026-10-28' } });
    const inTalgar = res.data.meetings.edges
      .map((e: any) => e.node)
      .filter((m: any) => m.plannedStartAt >= '2026-10-28T06:00:00.000Z' && m.unit.code.startsWith('KZ-19-TALGAR'));
    expect(talgar.events.map((e) => e.uid).sort()).toEqual(inTalgar.map((m: any) => `meeting-${meetingNumber(m.id)}@jauap`).sort());
    expect(talgar.text).toContain('Talgar');
    expect((await feed('/calendar/units/KZ-19-NOWHERE.ics')).status).toBe(404);
  });
});
