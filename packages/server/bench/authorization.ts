/**
 * `pnpm --filter @ssm-policy/server run bench:authorization`: what reading the caller from an `Authorization`
 * header costs (rule W6, issue 15 item 6), for an ordinary 200-byte header and for hostile 16 KB ones (a
 * repeated `Credential=`, the shape that cost 26 ms per parse with a backtracking regex), in the same run, with
 * the ratio of each to the 200-byte one. Parsing is linear when the ratio stays near the ratio of the sizes
 * (about 80) or below, whatever the shape; a quadratic parse shows ratios in the tens of thousands.
 * `BENCH_MS` (default 300) is how long each row runs, `BENCH_ROUNDS` (default 3) how often (the best counts:
 * on a shared machine the slowest rounds measure the neighbours).
 */
import { callerFromAuthorization } from '../src/request-caller.js';

const MS = Number(process.env['BENCH_MS'] ?? 300);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

const ordinary =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ssm/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-target, ' +
  `Signature=${'0123456789abcdef'.repeat(4)}`;

const hostile = (unit: string): string => {
  const prefix = 'AWS4-HMAC-SHA256 ';
  return prefix + unit.repeat(Math.ceil((16 * 1024 - prefix.length) / unit.length));
};

const rows: ReadonlyArray<readonly [string, string]> = [
  ['200 B ordinary', ordinary],
  ['16 KB "Credential="×n', hostile('Credential=')],
  ['16 KB "Credential=a/"×n', hostile('Credential=a/')],
  ['16 KB "Credential=a/20260101/"×n', hostile('Credential=a/20260101/')],
  ['16 KB ", "×n', hostile(', ')],
  ['16 KB "a "×n (8 K tokens)', hostile('a ')],
  ['16 KB "Credential=x, "×n', hostile('Credential=x, ')],
  ['16 KB "xCredential="×n', hostile('xCredential=')],
  ['16 KB "xCredential= "×n', hostile('xCredential= ')],
  ['16 KB "xSignature=xSignedHeaders="×n', hostile('xSignature=xSignedHeaders=')],
  ['16 KB "Credential=x, SignedHeaders=y,"×n', hostile('Credential=x, SignedHeaders=y,')],
  ['16 KB usual form, a 16 KB credential', `AWS4-HMAC-SHA256 Credential=${'a'.repeat(16_356)}`],
];

/** Microseconds per call: as many calls as fit in `MS`, after a warm-up. */
const measure = (header: string): number => {
  let sink = 0;
  for (let i = 0; i < 50; i++) sink += callerFromAuthorization(header).region.length;
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MS) {
    for (let i = 0; i < 10; i++) sink += callerFromAuthorization(header).region.length;
    calls += 10;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return (elapsed * 1000) / calls;
};

const best = rows.map(() => Infinity);
for (let round = 0; round < ROUNDS; round++) {
  rows.forEach(([, header], i) => {
    best[i] = Math.min(best[i]!, measure(header));
  });
}
const base = best[0]!;
console.table(
  rows.map(([name, header], i) => ({
    header: name,
    bytes: header.length,
    'µs per parse': Number(best[i]!.toFixed(2)),
    'ratio to 200 B': Number((best[i]! / base).toFixed(1)),
  })),
);
