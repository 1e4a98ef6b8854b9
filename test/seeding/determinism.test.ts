import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { all, allTableHashes, freshDatabase } from './seed-db.ts';

describe('demo determinism', () => {
  const a = freshDatabase();
  const b = freshDatabase();

  it('writes identical rows into two fresh databases, tracking codes and times included', async () => {
    await seedDatabase(a.db, { demo: true });
    await seedDatabase(b.db, { demo: true });
    const codes = (db: typeof a.db) => all<{ tracking_code: string }>(db, 'select tracking_code from issues order by id').map((r) => r.tracking_code);
    expect(codes(a.db)).toEqual(codes(b.db));
    expect(new Set(codes(a.db)).size).toBe(codes(a.db).length);
    // Password hashes are salted at random; everything else must match byte for byte.
    const omit = { users: ['password_hash'] };
    expect(allTableHashes(a.db, omit)).toEqual(allTableHashes(b.db, omit));
  }, 60_000);
});
