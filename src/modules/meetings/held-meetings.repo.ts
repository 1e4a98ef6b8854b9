import type { Db } from '../../db/client.ts';

// How many meetings were held in a period, per region: one statement, one indexed range per
// region (meetings_region_start_idx), each region with its own bounds (its own time zone).

export interface RegionPeriod {
  regionId: number;
  /** Inclusive UTC instant. */
  from: string;
  /** Exclusive UTC instant. */
  to: string;
}

export function createHeldMeetingsRepo(db: Db) {
  const held = db.$client.prepare<[string], { regionId: number; held: number }>(
    `select r.value ->> '$.regionId' as regionId,
       (select count(*) from meetings m where m.region_id = r.value ->> '$.regionId'
          and m.planned_start_at >= r.value ->> '$.from' and m.planned_start_at < r.value ->> '$.to' and m.status = 'HELD') as held
     from json_each(?) r`,
  );
  return {
    /** Meetings held (status HELD) whose planned start falls in each region's period. */
    heldByRegion: (periods: RegionPeriod[]) => held.all(JSON.stringify(periods)),
  };
}
export type HeldMeetingsRepo = ReturnType<typeof createHeldMeetingsRepo>;
