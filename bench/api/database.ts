import Database from 'better-sqlite3';

// Facts about the benchmark database that the scenarios need, read before the server starts.

/** The global id of one responsible body (the scenarios' organisation filter). */
export function organizationGlobalId(dbPath: string, code: string): string {
  const sqlite = new Database(dbPath, { readonly: true });
  const row = sqlite.prepare('select id from organizations where code = ?').get(code) as { id: number } | undefined;
  sqlite.close();
  if (!row) throw new Error(`no organisation ${code} in ${dbPath}`);
  return Buffer.from(`Organization:${row.id}`).toString('base64');
}

export function problemCount(dbPath: string): number {
  const sqlite = new Database(dbPath, { readonly: true });
  const n = (sqlite.prepare('select count(*) as n from issues').get() as { n: number }).n;
  sqlite.close();
  return n;
}
