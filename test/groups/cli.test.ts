import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';
import { expectGroupFiguresExact } from './figures-truth.ts';

// npm run groups:regroup on a real database file: staff decisions survive it, the groups come back
// with their numbers, a SIGTERM stops it and --resume finishes it, and bad arguments are refused with
// the usage and exit code 1.

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

  it('stops on SIGTERM after the batch under way, keeping its work, and --resume finishes it with the same groups', async () => {
    const before = state();
    const total = app.db.$client.prepare('select count(*) from issues').pluck().get() as number;
    const stopped = await runCommand('src/cli/groups-regroup.ts', ['--no-progress', '--batch-size', '1'], env, undefined, {
      output: /^regroup: \d+\//m,
      signal: 'SIGTERM',
    });
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(143);
    const [, done, of] = stopped.stdout.match(/stopped by SIGTERM after (\d+) of (\d+) problems/) ?? [];
    expect(Number(of)).toBe(total);
    expect(Number(done)).toBeLessThan(total);
    // Where it got to is kept: the problems after it have no stems yet, those up to it have.
    const reached = app.db.$client.prepare('select after_issue_id from issue_group_regroup').pluck().get() as number;
    expect(app.db.$client.prepare('select count(*) from issues where id <= ?').pluck().get(reached)).toBe(Number(done));
    expect(app.db.$client.prepare('select count(*) from issue_group_terms where issue_id > ?').pluck().get(reached)).toBe(0);

    const resumed = await runCommand('src/cli/groups-regroup.ts', ['--no-progress', '--resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`resumed and regrouped ${total} problems in [\\d.]+ s`));
    expect(state()).toEqual(before);
    expect(app.db.$client.prepare('select count(*) from issue_group_regroup').pluck().get()).toBe(0);
    expect(app.db.$client.prepare('select count(*) from issue_group_regroup_before').pluck().get()).toBe(0);
    expectGroupFiguresExact(app);
  });

  it('refuses an unknown argument and a bad batch size', async () => {
    const runs = await Promise.all([['--fast'], ['--batch-size', '0']].map((args) => runCommand('src/cli/groups-regroup.ts', args, env)));
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('usage: npm run groups:regroup');
    }
  });
});
