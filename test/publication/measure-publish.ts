import { getHeapStatistics } from 'node:v8';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { parseQuarter } from '../../src/modules/publication/periods.ts';

// Run by memory.test.ts as its own process (node --expose-gc): publishes one quarter of the
// database at DATABASE_PATH and prints, as JSON, the heap still in use after a full garbage
// collection at each batch boundary of the build. Retained heap, not a sampled peak: garbage
// between two collections would only measure the collector's timing.

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const retained = () => {
  gc();
  return getHeapStatistics().used_heap_size;
};

const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
const samples: number[] = [];
let baseline = 0;
const label = process.argv[2] ?? '2026-Q3';
// Earlier quarters published first (the chain) are not sampled: only the quarter asked for.
const { publication } = await app.services.publication.publishQuarter(parseQuarter(label)!, {
  onProgress: (quarter) => (phase, done) => {
    if (quarter !== label) return;
    if (phase !== 'building') return;
    if (done === 0) baseline = retained();
    else samples.push(retained());
  },
});
await app.services.publication.indexingDone();
app.close();
// maxRSS is reported for the reader of a failure, not asserted (it includes SQLite's page cache).
process.stdout.write(
  JSON.stringify({ items: publication.itemCount, baseline, peak: Math.max(...samples), batches: samples.length, maxRssKb: process.resourceUsage().maxRSS }),
);
