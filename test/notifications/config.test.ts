import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlOf } from '../../src/config.ts';

describe('email configuration', () => {
  it('never repeats the SMTP password, even in the error for a bad SMTP_URL', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mailer:s3cret-pass@mail.example.kz' })).toThrow(ConfigError);
    try {
      loadConfig({ SMTP_URL: 'http://mailer:s3cret-pass@mail.example.kz' });
    } catch (err) {
      expect((err as Error).message).toBe('Invalid configuration: SMTP_URL="(hidden)" must start with smtp:// or smtps://');
    }
  });

  it('has safe defaults: no SMTP (messages wait), links to the local server, a worker when SMTP is set', () => {
    const c = loadConfig({ PORT: '4517' });
    expect(c.SMTP_URL).toBeUndefined();
    expect(publicUrlOf(c)).toBe('http://localhost:4517');
    expect(c.OUTBOX_WORKER).toBe(true);
    expect(publicUrlOf(loadConfig({ PUBLIC_URL: 'https://jauap.kz/' }))).toBe('https://jauap.kz');
    expect(() => loadConfig({ OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/OUTBOX_MAX_ATTEMPTS="0" must be a whole number from 1 to 100/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});
