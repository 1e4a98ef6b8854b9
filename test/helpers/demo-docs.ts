import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { templatePath } from './paths.ts';

// What the README says about the demo, read from the README itself, so the tests follow the same
// problem a reader follows and fail when the demo and the README part ways.

const CODE = /`([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})`/;

export function readme(): string {
  return readFileSync('README.md', 'utf8');
}

/** The tracking code the README gives as the demo problem to follow. */
export function readmeTrackingCode(text: string = readme()): string {
  const m = CODE.exec(text);
  if (!m) throw new Error('README.md prints no tracking code (`XXXX-XXXX-XXXXX`)');
  return m[1] as string;
}

/** The number of the demo problem with this tracking code, read from the seeded demo template. */
export function demoProblemNumber(code: string): number {
  const db = new Database(templatePath('demo'), { readonly: true });
  try {
    const row = db.prepare('select id from issues where tracking_code = ?').get(code.replace(/-/g, '')) as { id: number } | undefined;
    if (!row) throw new Error(`the README's tracking code ${code} is not in the demo`);
    return row.id;
  } finally {
    db.close();
  }
}
