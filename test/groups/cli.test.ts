import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';

// npm run groups:regroup on a real database file: staff decisions survive it, the groups come back
// with their numbers, and bad arguments are refused with the usage and exit code 1.

const app = createTestApp();
const env = { DATABASE_PATH: app.config.DATABASE_PATH, SEED_DEMO: 'false', LOG_LEVEL: 'silent' };
const state = () => app.db.$client.prepare('select issue_id, group_id, source from issue_group_members order by issue_id').all();

describe('npm run groups:regroup', () => {
  it('regroups everything, keeping staff decisions and the groups’ numbers', async () => {
    const [group] = await app.services.groups.listGroups(null, 'SIZE_DESC', null, 1);
    const member = app.services.groups.memberViews(group!.id, 1)[0]!;
    app.services.groups.removeFromGroup(
      { userId: 1, email: 'admin@jauap.demo', role: 'ADMIN', organizationId: null, organizationKind: null, unitId: null, regionId: null },
      { issueId: member.id, currentGroupId: group!.id },
    );
    const before = state();

    const run = await runCommand('src/cli/groups-regroup.ts', ['--no-progress'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^regroup: \d+\/\d+$/m);
    const total = app.db.$client.prepare('select count(*) from issues').pluck().get();
    expect(run.stdout).toMatch(new RegExp(`regrouped ${total} problems in [\\d.]+ s: \\d+ in \\d+ groups of two or more`));
    expect(state()).toEqual(before);
    expect(app.services.groups.groupOfIssue(member.id)).toBeNull();
    expect(app.services.groups.findGroup(group!.id)?.size).toBe(group!.size - 1);
  });

  it('refuses an unknown argument and a bad batch size', async () => {
    for (const args of [['--fast'], ['--batch-size', '0']]) {
      const run = await runCommand('src/cli/groups-regroup.ts', args, env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('usage: npm run groups:regroup');
    }
  });
});
