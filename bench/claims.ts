/**
 * Benchmark of claim extraction: throughput (KB of text per second) of `extractClaims` on a corpus
 * made by repeating the seed articles (../shared/seeds) to ~5 MB, next to the bare recogniser
 * library (@microsoft/recognizers-text-suite: number + percentage models) on the same documents in
 * the same run. The library's currency model is measured on a small slice only: it is
 * superlinear in document length (minutes for a 50 KB article), which is why extraction reads
 * money with its own rules and calls the library per sentence.
 *
 *   npm run bench:claims                 # ~5 MB
 *   npm run bench:claims -- --mb 1       # a smaller corpus
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { documentFromString } from '../src/claims/documents.ts';
import { extractClaims } from '../src/claims/extract.ts';
import { hasShared, sharedPath } from '../test/shared.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const MB = Number(arg('mb', '5'));

if (!hasShared('seeds')) {
  console.error('bench:claims needs ../shared/seeds (the seed articles); nothing to measure.');
  process.exit(0);
}
const seeds = readdirSync(sharedPath('seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(sharedPath('seeds', f), 'utf8'));
const texts: string[] = [];
let bytes = 0;
for (let i = 0; bytes < MB * 1024 * 1024; i++) {
  const t = seeds[i % seeds.length] as string;
  texts.push(t);
  bytes += Buffer.byteLength(t);
}
const kb = bytes / 1024;
console.log(
  `corpus: ${texts.length} documents, ${(kb / 1024).toFixed(2)} MB (the ${seeds.length} seed articles repeated)`,
);

function time(label: string, fn: () => number): number {
  const t0 = performance.now();
  const n = fn();
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${label.padEnd(52)} ${s.toFixed(2).padStart(8)} s  ${(kb / s).toFixed(0).padStart(7)} KB/s  (${n} results)`,
  );
  return s;
}

// Warm both up (regex compilation, the library's model construction).
extractClaims(documentFromString(seeds[0] as string, 'warm.txt'));
Recognizers.recognizeNumber('warm up 12 and 3%', Recognizers.Culture.English);
Recognizers.recognizePercentage('warm up 12 and 3%', Recognizers.Culture.English);

const ours = time('lantern extractClaims (documents + claims)', () => {
  let n = 0;
  texts.forEach((t, i) => {
    n += extractClaims(documentFromString(t, `doc${i}.txt`)).length;
  });
  return n;
});
const digitsOnly = time('lantern extractClaims --no-recogniser', () => {
  let n = 0;
  texts.forEach((t, i) => {
    n += extractClaims(documentFromString(t, `doc${i}.txt`), { recogniser: false }).length;
  });
  return n;
});
const lib = time('bare library: recognizeNumber + recognizePercentage', () => {
  let n = 0;
  for (const t of texts) {
    n += Recognizers.recognizeNumber(t, Recognizers.Culture.English).length;
    n += Recognizers.recognizePercentage(t, Recognizers.Culture.English).length;
  }
  return n;
});
console.log(
  `ratio: lantern extraction is ${(lib / ours).toFixed(2)}× the bare library's throughput (${(lib / digitsOnly).toFixed(2)}× without the library)`,
);

const slice = (seeds[4] as string).slice(0, 2700);
const t0 = performance.now();
const cur = Recognizers.recognizeCurrency(slice, Recognizers.Culture.English).length;
const cs = (performance.now() - t0) / 1000;
console.log(
  `bare library recognizeCurrency on one ${(slice.length / 1024).toFixed(1)} KB article: ${cs.toFixed(2)} s = ${(slice.length / 1024 / cs).toFixed(1)} KB/s (${cur} results; superlinear, not run on the corpus)`,
);
