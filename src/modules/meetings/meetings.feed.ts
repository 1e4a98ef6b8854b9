import type { MeetingsRepo } from './meetings.repo.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Clock } from '../shared/clock.ts';

/** Feeds show what is coming and what just happened: a month back is enough to find last week's broadcast. */
export const FEED_PAST_DAYS = 30;
const FEED_LIMIT = 1000;

export type FeedMeeting = Awaited<ReturnType<MeetingsRepo['findForFeed']>>[number];

export function createMeetingFeedService({ repo, geography, clock }: { repo: MeetingsRepo; geography: GeographyService; clock: Clock }) {
  return {
    now: () => clock.now(),
    /**
     * The meetings of a region's feed (`scope: 'region'`, code of a region) or of a unit's feed
     * (any unit, meetings held in it or below it). Null when there is no such region or unit.
     */
    async upcomingMeetings(scope: 'region' | 'unit', code: string) {
      const unit = await geography.findUnitByCode(code);
      if (!unit || (scope === 'region' && unit.parentId !== null)) return null;
      const fromUtc = new Date(clock.now().getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
      return { unit, meetings: await repo.findForFeed(unit.id, fromUtc, FEED_LIMIT) };
    },
  };
}
export type MeetingFeedService = ReturnType<typeof createMeetingFeedService>;
