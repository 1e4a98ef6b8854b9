import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { CSV_CONTENT_TYPE, csvOptions } from '../modules/publication/csv.ts';

// A public list as a file: the CSV (the open data's dialect: BOM, CRLF, formula cells neutralised)
// or the JSON (a head, then the items), written item by item as the source yields them, so a list
// never has to be held twice in memory. Only what the caller maps into a record is written.

export interface ListFile<Item, Column extends string> {
  /** File name without the extension: "jauap-meeting-42". */
  name: string;
  /** What the JSON says about the list before its items (the page's address, its as-of time). */
  head: Record<string, unknown>;
  columns: readonly Column[];
  items: AsyncIterable<Item> | Iterable<Item>;
  csvRecord(item: Item): Record<Column, string>;
  jsonItem(item: Item): unknown;
}

export async function sendListFile<Item, Column extends string>(res: Response, format: 'csv' | 'json', file: ListFile<Item, Column>): Promise<void> {
  if (format === 'csv') {
    res.type(CSV_CONTENT_TYPE).set('Content-Disposition', `attachment; filename="${file.name}.csv"`);
    const records = async function* () {
      for await (const item of file.items) yield file.csvRecord(item);
    };
    await pipeline(Readable.from(records()), stringify(csvOptions(file.columns)), res);
    return;
  }
  res.type('application/json; charset=utf-8').set('Content-Disposition', `inline; filename="${file.name}.json"`);
  const chunks = async function* () {
    yield `${JSON.stringify(file.head).slice(0, -1)}${Object.keys(file.head).length ? ',' : ''}"items":[`;
    let count = 0;
    for await (const item of file.items) yield `${count++ ? ',' : ''}\n${JSON.stringify(file.jsonItem(item))}`;
    yield `\n],"count":${count}}\n`;
  };
  await pipeline(Readable.from(chunks(), { objectMode: false, highWaterMark: 1 }), res);
}

/** "problems.csv" -> "csv"; null for anything but our two formats. */
export function fileFormat(file: string | undefined, stem: string): 'csv' | 'json' | null {
  const m = new RegExp(`^${stem}\\.(csv|json)$`, 'i').exec(file ?? '');
  return m ? (m[1]!.toLowerCase() as 'csv' | 'json') : null;
}
