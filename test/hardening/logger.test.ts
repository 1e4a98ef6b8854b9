import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LOGGED_STRING } from '../../src/modules/operations/logger.ts';

describe('log lines are bounded', () => {
  it('cuts every long string a line carries: the message, fields, nested fields and errors', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const huge = 'x'.repeat(1_800_000);
    logger.info(huge);
    logger.warn({ query: huge, nested: { variables: { text: huge } }, list: [huge, huge] }, 'hostile input');
    logger.error({ err: new Error(huge) }, 'failed');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThan(MAX_LOGGED_STRING * 4 + 2_000);
    expect(JSON.parse(lines[1]!).query).toMatch(/… \(1800000 characters\)$/);
    // Short values pass untouched.
    logger.info({ route: '/graphql' }, 'ok');
    expect(JSON.parse(lines[3]!)).toMatchObject({ route: '/graphql', msg: 'ok' });
  });
});
