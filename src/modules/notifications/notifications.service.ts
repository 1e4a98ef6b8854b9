import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GeographyService } from '../geography/geography.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { IssueEventsRepo } from '../issues/issues.events-repo.ts';
import type { Clock } from '../shared/clock.ts';
import { LANGUAGES, REGION_KINDS, type Language } from '../shared/enums.ts';
import { NotFoundError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation.ts';
import { createLinkTokens } from './link-tokens.ts';
import type { NewSubscription, NotificationsRepo, SubscriptionRow } from './notifications.repo.ts';
import type { Frequency } from './notifications.tables.ts';
import { describeSavedSearch, savedSearchQuery, type SavedSearches } from './saved-search.ts';
import {
  confirmationMessage,
  digestMessage,
  issueEventMessage,
  quarterMessage,
  searchDigestMessage,
  type RenderedMessage,
  type ScopeName,
} from './templates.ts';

// Subscriptions with double opt-in, and the messages they cause. Every message is written to the
// outbox (outbox_messages) in the transaction of its cause: a confirmation with its subscription,
// a problem's news with the staff's update, a digest with the subscription's advanced cursor. The
// delivery worker (delivery.ts) is the only way out.

/** A confirmation link works this long; then the person subscribes again. */
export const CONFIRM_TTL_MS = 7 * 86_400_000;
/** At most this many confirmation messages to one address a day, however often a form is sent. */
export const CONFIRMATIONS_PER_DAY = 3;
/** A digest lists this many events; the rest are counted and linked. */
export const DIGEST_EVENTS_SHOWN = 30;
const DIGEST_PERIOD_MS: Record<Exclude<Frequency, 'IMMEDIATE'>, number> = { DAILY: 86_400_000, WEEKLY: 7 * 86_400_000 };

const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an email address such as name@example.kz' }))
  .transform((e) => e.toLowerCase());
const languageSchema = z.enum(LANGUAGES, { error: 'must be kk, ru or en' });

export const subscribeSchema = z.object({
  email: emailSchema,
  language: languageSchema,
  frequency: z.enum(['DAILY', 'WEEKLY'], { error: 'must be DAILY or WEEKLY' }),
  target: z.discriminatedUnion('scope', [
    z.object({ scope: z.literal('REGION'), regionCode: z.string().trim().min(1).max(40) }),
    z.object({ scope: z.literal('BODY'), organizationCode: z.string().trim().min(1).max(80) }),
    /** The search page's query string ("q=су&region=KZ-19"): the search is run as the page runs it. */
    z.object({ scope: z.literal('SEARCH'), query: z.string().max(2000) }),
  ]),
});
export type SubscribeInput = z.input<typeof subscribeSchema>;

interface Deps {
  repo: NotificationsRepo;
  events: IssueEventsRepo;
  geography: GeographyService;
  organizations: OrganizationsService;
  savedSearches: SavedSearches;
  clock: Clock;
  /** The site's public address for links in messages ("https://jauap.kz"), without a trailing slash. */
  publicBaseUrl: string;
}

export function createNotificationsService(deps: Deps) {
  const { repo, events, geography, organizations, savedSearches, clock, publicBaseUrl } = deps;
  const tokens = createLinkTokens(() => repo.secret());
  const now = () => clock.now().toISOString();
  const messageId = () => `<${randomUUID()}@jauap>`;
  const links = {
    confirm: (s: SubscriptionRow) => `${publicBaseUrl}/${s.language}/subscriptions/confirm?token=${tokens.sign('confirm', s.id)}`,
    unsubscribe: (s: SubscriptionRow) => `${publicBaseUrl}/${s.language}/subscriptions/unsubscribe?token=${tokens.sign('unsubscribe', s.id)}`,
    problem: (lang: Language, issueId: number) => `${publicBaseUrl}/${lang}/problems/${issueId}`,
  };

  async function scopeOf(s: SubscriptionRow): Promise<ScopeName> {
    if (s.scope === 'ISSUE') return { kind: 'problem', issueId: s.issueId! };
    if (s.scope === 'SEARCH') return { kind: 'search', query: describeSavedSearch(s.searchQuery ?? '') };
    if (s.scope === 'REGION') return { kind: 'named', names: (await geography.findUnitById(s.regionId!))! };
    return { kind: 'named', names: (await organizations.findOrganization(s.organizationId!))! };
  }

  function enqueue(
    s: SubscriptionRow,
    kind: 'CONFIRM' | 'ISSUE_EVENT' | 'DIGEST' | 'QUARTER',
    dedupeKey: string,
    message: RenderedMessage,
    at: string,
  ): boolean {
    return repo.insertMessage({
      recipientId: s.recipientId,
      subscriptionId: s.id,
      kind,
      dedupeKey,
      messageId: messageId(),
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      unsubscribeUrl: kind === 'CONFIRM' ? null : links.unsubscribe(s),
      nextAttemptAt: at,
      createdAt: at,
    });
  }

  /**
   * Creates (or renews) a pending subscription and queues its confirmation. The answer is the same
   * whether the address was new, pending or already confirmed: a form must not tell who subscribed.
   */
  async function requestSubscription(
    target: Omit<NewSubscription, 'recipientId' | 'createdAt' | 'language'>,
    email: string,
    language: Language,
  ): Promise<void> {
    const scope = await scopeOf({ ...target, id: 0, recipientId: 0, language, createdAt: '', status: 'PENDING' } as SubscriptionRow);
    const at = now();
    repo.transaction(() => {
      const recipientId = repo.recipientIdFor(email, at);
      const wanted = { ...target, recipientId, language, createdAt: at };
      const existing = repo.findSame(wanted);
      if (existing?.status === 'ACTIVE') {
        repo.updateSubscription(existing.id, { language, frequency: target.frequency });
        return;
      }
      const subscription = existing
        ? repo.updateSubscription(existing.id, { status: 'PENDING', language, frequency: target.frequency, createdAt: at, unsubscribedAt: null })!
        : repo.insertSubscription({ ...wanted, status: 'PENDING' });
      if (repo.confirmationsSince(recipientId, new Date(Date.parse(at) - 86_400_000).toISOString()) >= CONFIRMATIONS_PER_DAY) return;
      enqueue(subscription, 'CONFIRM', `confirm:${subscription.id}:${randomUUID()}`, confirmationMessage(language, scope, links.confirm(subscription)), at);
    });
  }

  /** Public events a subscriber hears of: what a body or the akimat did, not the citizen's own answers. */
  const digestScope = (s: SubscriptionRow) => (s.scope === 'REGION' ? { regionId: s.regionId! } : { organizationId: s.organizationId! });
  function digestEvents(s: SubscriptionRow, upTo: number) {
    return events.between(s.digestCursor, upTo, digestScope(s), DIGEST_EVENTS_SHOWN);
  }

  /**
   * A saved search's digest: its matches new or changed in the quarters published since the last
   * one. The search runs first (it is async); the message and the advanced cursor commit together.
   */
  async function writeSearchDigest(s: SubscriptionRow): Promise<boolean> {
    const upTo = Math.min(repo.latestPublicationId(), repo.searchablePublicationId());
    const at = now();
    const found = upTo > s.digestCursor ? await savedSearches.changesSince(s.searchQuery ?? '', s.digestCursor, upTo) : null;
    const scope = await scopeOf(s);
    return repo.transaction(() => {
      let written = false;
      if (found && found.total > 0) {
        const latest = found.quarters[found.quarters.length - 1]!;
        const message = searchDigestMessage(s.language, scope, found.matches.slice(0, DIGEST_EVENTS_SHOWN), found.total, {
          problem: (issueId) => links.problem(s.language, issueId),
          more: `${publicBaseUrl}/${s.language}/search?${s.searchQuery ? `${s.searchQuery}&` : ''}quarter=${latest}`,
          unsubscribe: links.unsubscribe(s),
        });
        written = enqueue(s, 'DIGEST', `digest:${s.id}:${s.digestCursor}-${upTo}`, message, at);
      }
      repo.updateSubscription(s.id, { digestCursor: Math.max(upTo, s.digestCursor), digestSentAt: at });
      return written;
    });
  }

  return {
    tokens,
    /** A citizen follows their own problem (its number known from the tracking code), every event. */
    async subscribeToIssue(issueId: number, input: { email: unknown; language: unknown }): Promise<void> {
      const email = parseInput(emailSchema, input.email, ['email']);
      const language = parseInput(languageSchema, input.language, ['language']);
      await requestSubscription({ scope: 'ISSUE', issueId, frequency: 'IMMEDIATE' }, email, language);
    },

    /** Anyone follows a region or a body as a daily or weekly digest. */
    async subscribe(input: SubscribeInput): Promise<void> {
      const data = parseInput(subscribeSchema, input);
      if (data.target.scope === 'REGION') {
        const region = await geography.findUnitByCode(data.target.regionCode);
        if (!region || !(REGION_KINDS as readonly string[]).includes(region.kind)) throw new NotFoundError('unit', 'No region has this code.');
        return requestSubscription({ scope: 'REGION', regionId: region.id, frequency: data.frequency }, data.email, data.language);
      }
      if (data.target.scope === 'SEARCH') {
        const saved = savedSearchQuery(data.target.query);
        await savedSearches.check(saved.params);
        return requestSubscription({ scope: 'SEARCH', searchQuery: saved.query, frequency: data.frequency }, data.email, data.language);
      }
      const body = await organizations.findOrganizationByCode(data.target.organizationCode);
      if (!body) throw new NotFoundError('organization', 'No responsible body has this code.');
      return requestSubscription({ scope: 'BODY', organizationId: body.id, frequency: data.frequency }, data.email, data.language);
    },

    /** The confirmation link: the subscription starts now (a digest reports only what happens from here). */
    async confirm(token: unknown): Promise<{ scope: ScopeName; language: Language } | null> {
      const id = tokens.verify('confirm', token);
      const s = id === null ? undefined : repo.findSubscription(id);
      if (!s || s.status === 'UNSUBSCRIBED') return null;
      if (s.status === 'PENDING') {
        if (clock.now().getTime() - Date.parse(s.createdAt) > CONFIRM_TTL_MS) return null;
        const at = now();
        // A saved search reads published quarters (its cursor is a publication), the others history entries.
        const cursor = s.scope === 'SEARCH' ? repo.latestPublicationId() : repo.latestEventId();
        repo.updateSubscription(s.id, { status: 'ACTIVE', confirmedAt: at, digestCursor: cursor, digestSentAt: at });
      }
      return { scope: await scopeOf(s), language: s.language };
    },

    /** What an unsubscribe link stops, for the page that asks "stop?"; null for a forged link. */
    async describe(token: unknown): Promise<{ scope: ScopeName; language: Language; active: boolean } | null> {
      const id = tokens.verify('unsubscribe', token);
      const s = id === null ? undefined : repo.findSubscription(id);
      return s ? { scope: await scopeOf(s), language: s.language, active: s.status !== 'UNSUBSCRIBED' } : null;
    },

    /** One-click unsubscribe (RFC 8058): idempotent; messages not yet sent are cancelled. */
    async unsubscribe(token: unknown): Promise<{ scope: ScopeName; language: Language } | null> {
      const id = tokens.verify('unsubscribe', token);
      const s = id === null ? undefined : repo.findSubscription(id);
      if (!s) return null;
      if (s.status !== 'UNSUBSCRIBED') {
        repo.transaction(() => {
          repo.updateSubscription(s.id, { status: 'UNSUBSCRIBED', unsubscribedAt: now() });
          repo.cancelUnsent(s.id);
        });
      }
      return { scope: await scopeOf(s), language: s.language };
    },

    /**
     * Called inside the transaction that appended a history entry: one message per confirmed
     * follower of the problem, in their language. The citizen's own answers (confirm, dispute) are
     * not news to them.
     */
    issueEventAppended(updateId: number, actor: string): void {
      if (actor === 'CITIZEN') return;
      // Most problems have no follower: one indexed look-up, and the event is read only for those that do.
      const followers = repo.activeIssueSubscribersOfUpdate(updateId);
      if (followers.length === 0) return;
      const [event] = events.byIds([updateId]);
      if (!event) return;
      const at = now();
      for (const s of followers) {
        const message = issueEventMessage(s.language, event, { problem: links.problem(s.language, event.issueId), unsubscribe: links.unsubscribe(s) });
        enqueue(s, 'ISSUE_EVENT', `event:${updateId}:subscription:${s.id}`, message, at);
      }
    },

    /**
     * Called inside the transaction that publishes a quarter: each confirmed follower of a body
     * whose list is in it gets the body's figures and a link to the list (daily and weekly alike:
     * a publication happens four times a year).
     */
    quarterPublished(publicationId: number): void {
      const at = now();
      for (const row of repo.bodyFollowersOfPublication(publicationId)) {
        const s = repo.findSubscription(row.subscriptionId)!;
        const names = { code: row.code, nameKk: row.nameKk, nameRu: row.nameRu, nameEn: row.nameEn };
        const quarter = `${row.year}-Q${row.quarter}`;
        const message = quarterMessage(s.language, { kind: 'named', names }, quarter, row, {
          list: `${publicBaseUrl}/${s.language}/bodies/${encodeURIComponent(names.code)}?quarter=${quarter}`,
          unsubscribe: links.unsubscribe(s),
        });
        enqueue(s, 'QUARTER', `quarter:${publicationId}:subscription:${s.id}`, message, at);
      }
    },

    /**
     * Writes the digests that are due (a day or a week after the last one). Each digest and its
     * subscription's advanced cursor commit together, so a crash repeats or skips nothing; a
     * subscription with nothing new only moves its clock.
     */
    async writeDueDigests(limit = 500): Promise<number> {
      let written = 0;
      for (const frequency of ['DAILY', 'WEEKLY'] as const) {
        const sentBefore = new Date(clock.now().getTime() - DIGEST_PERIOD_MS[frequency]).toISOString();
        for (const s of repo.dueDigests(frequency, sentBefore, limit)) {
          if (s.scope === 'SEARCH') {
            if (await writeSearchDigest(s)) written++;
            continue;
          }
          if (s.scope !== 'REGION' && s.scope !== 'BODY') continue;
          const scope = await scopeOf(s);
          const at = now();
          repo.transaction(() => {
            const upTo = repo.latestEventId();
            const shown = digestEvents(s, upTo);
            const total = events.countBetween(s.digestCursor, upTo, digestScope(s));
            if (shown.length > 0) {
              const code = scope.kind === 'named' ? encodeURIComponent(scope.names.code) : '';
              const more =
                s.scope === 'REGION' ? `${publicBaseUrl}/feeds/regions/${code}.atom?lang=${s.language}` : `${publicBaseUrl}/${s.language}/bodies/${code}`;
              const message = digestMessage(s.language, scope, shown, total, {
                problem: (issueId) => links.problem(s.language, issueId),
                more,
                unsubscribe: links.unsubscribe(s),
              });
              if (enqueue(s, 'DIGEST', `digest:${s.id}:${s.digestCursor}-${upTo}`, message, at)) written++;
            }
            repo.updateSubscription(s.id, { digestCursor: upTo, digestSentAt: at });
          });
        }
      }
      return written;
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
