import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { runCommand } from '../helpers/process.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      DATABASE_PATH: './data/tracker.db',
      SEED_DEMO: true,
      SEARCH_BACKEND: 'fts5',
      LOG_LEVEL: 'info',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT="abc" must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO="maybe" must be one of true, false/],
    [{ SEARCH_BACKEND: 'elastic' }, /SEARCH_BACKEND="elastic" must be fts5 or meilisearch/],
    [{ SEARCH_BACKEND: 'meilisearch' }, /MEILI_URL="" is required when SEARCH_BACKEND=meilisearch/],
    [{ MEILI_URL: 'not a url' }, /MEILI_URL="not a url" must be a URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" must be one of/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('parses booleans and treats empty values as unset', () => {
    expect(loadConfig({ SEED_DEMO: 'false', PORT: '' })).toMatchObject({ SEED_DEMO: false, PORT: 4000 });
    expect(loadConfig({ SEED_DEMO: '1' }).SEED_DEMO).toBe(true);
  });

  it('stops `npm start` with PORT=abc: one clear line, non-zero exit', async () => {
    const { code, stdout, stderr } = await runCommand('src/main.ts', [], { PORT: 'abc' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT="abc" must be a whole number from 0 to 65535']);
  });
});
