/**
 * Benchmark of the access evaluator (rules A1–A4) beside a floor: the same decision for one policy, written by
 * hand. The policy has three statements and two conditions; the library's document is parsed once and cached
 * (as a store may keep the parsed form); `evaluateAccess` on the text is shown too (it memoises the parse by
 * text). A third row parses every time (a new text each call), for scale. Prints a table;
 * asserts nothing. Target (issue #10): ≥ 500,000 evaluations/s on one core, within 5× of the floor.
 */
import * as E from 'fp-ts/lib/Either.js';
import { evaluateAccess, evaluateDocuments, parsePolicy, type AccessRequest } from '@ssm-policy/core';

const ARN = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadersOfTeamRed',
      Effect: 'Allow',
      Principal: { AWS: '222222222222' },
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: ARN,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
    },
    {
      Sid: 'History',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:role/Auditor' },
      Action: 'ssm:GetParameterHistory',
      Resource: ARN,
    },
    {
      Sid: 'TlsOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 'ssm:*',
      Resource: ARN,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

const REQUESTS: ReadonlyArray<AccessRequest> = [
  {
    principal: 'arn:aws:sts::222222222222:assumed-role/Reader/s1',
    action: 'ssm:GetParameter',
    resource: ARN,
    context: { 'aws:PrincipalTag/team': 'red', 'aws:SecureTransport': 'true' },
  },
  {
    principal: 'arn:aws:iam::222222222222:user/bob',
    action: 'ssm:GetParameters',
    resource: ARN,
    context: { 'aws:PrincipalTag/team': 'blue', 'aws:SecureTransport': 'true' },
  },
  {
    principal: 'arn:aws:sts::333333333333:assumed-role/Auditor/audit',
    action: 'ssm:GetParameterHistory',
    resource: ARN,
    context: { 'aws:SecureTransport': 'false' },
  },
  {
    principal: 'arn:aws:iam::444444444444:root',
    action: 'ssm:GetParameter',
    resource: ARN,
    context: { 'aws:SecureTransport': 'true' },
  },
];
const EXPECTED = ['Allow', 'ImplicitDeny', 'ExplicitDeny', 'ImplicitDeny'];

// ---- floor: this one policy's decision, by hand -----------------------------------------------

const ROLE_SESSION = /^arn:aws:sts::333333333333:assumed-role\/Auditor\//;
const floor = (r: AccessRequest): string => {
  const action = r.action.toLowerCase();
  const ctx = r.context ?? {};
  if (r.resource !== ARN) return 'ImplicitDeny';
  if (action.startsWith('ssm:') && ctx['aws:SecureTransport'] === 'false') return 'ExplicitDeny';
  const account = r.principal.split(':')[4];
  if (
    account === '222222222222' &&
    (action === 'ssm:getparameter' || action === 'ssm:getparameters') &&
    ctx['aws:PrincipalTag/team'] === 'red'
  ) {
    return 'Allow';
  }
  if (action === 'ssm:getparameterhistory' && ROLE_SESSION.test(r.principal)) return 'Allow';
  return 'ImplicitDeny';
};

// ---- measurement ------------------------------------------------------------------------------

/** Runs `op` repeatedly for about `ms` milliseconds after a warm-up; returns operations per second. */
const measure = (op: (i: number) => unknown, ms = 800): number => {
  for (let i = 0; i < 20_000; i++) op(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 1024; k++) op(n++);
    now = performance.now();
  }
  return (n * 1000) / (now - start);
};

const parsed = parsePolicy(POLICY);
if (E.isLeft(parsed)) throw new Error(parsed.left.message);
const documents = [parsed.right];
let sink = 0;

// Both sides give the same answers before anything is timed.
REQUESTS.forEach((r, i) => {
  const lib = evaluateDocuments(documents, r).decision;
  if (lib !== EXPECTED[i] || floor(r) !== EXPECTED[i]) throw new Error(`request ${i}: ${lib}, ${floor(r)}`);
});

const libCached = () =>
  measure((i) => (sink += evaluateDocuments(documents, REQUESTS[i & 3]!).statements.length));
const libText = () =>
  measure((i) => {
    const r = evaluateAccess([POLICY], REQUESTS[i & 3]!);
    sink += E.isRight(r) ? r.right.statements.length : 0;
  });
const libFresh = () =>
  measure((i) => {
    const r = evaluateAccess([POLICY.replace('TlsOnly', `T${i}`)], REQUESTS[i & 3]!);
    sink += E.isRight(r) ? r.right.statements.length : 0;
  }, 300);
const floorRun = () => measure((i) => (sink += floor(REQUESTS[i & 3]!).length));

let cached = 0;
let text = 0;
let hand = 0;
let fresh = 0;
for (let round = 0; round < 3; round++) {
  cached = Math.max(cached, libCached());
  text = Math.max(text, libText());
  hand = Math.max(hand, floorRun());
  fresh = Math.max(fresh, libFresh());
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
console.log('\naccess evaluator (three statements, two conditions), evaluations/s, best of three rounds\n');
console.log(`| operation | library | floor | floor ÷ library |`);
console.log(`|---|---:|---:|---:|`);
console.log(
  `| evaluateDocuments, parsed document cached | ${fmt(cached)} | ${fmt(hand)} | ${(hand / cached).toFixed(2)}× |`,
);
console.log(
  `| evaluateAccess on the text (parse memoised) | ${fmt(text)} | ${fmt(hand)} | ${(hand / text).toFixed(2)}× |`,
);
console.log(
  `| evaluateAccess on a new text every call | ${fmt(fresh)} | ${fmt(hand)} | ${(hand / fresh).toFixed(2)}× |`,
);
if (sink < 0) console.log(sink);
