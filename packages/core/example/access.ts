// May account 222222222222 read this parameter? The resource policies as stored, one request, one answer.
import * as E from 'fp-ts/lib/Either.js';
import { combineWithIdentity, evaluateAccess } from '@ssm-policy/core';

const parameter = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ShareWithAnalytics',
      Effect: 'Allow',
      Principal: { AWS: '222222222222' },
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: parameter,
    },
    {
      Sid: 'OnlyOverTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'ssm:*',
      Resource: parameter,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

const request = {
  principal: 'arn:aws:sts::222222222222:assumed-role/Analyst/session-1',
  action: 'ssm:GetParameter',
  resource: parameter,
  context: { 'aws:SecureTransport': 'true' },
};

const answer = evaluateAccess([policy], request);
if (E.isLeft(answer)) throw new Error(answer.left.message);
// The resource policy's own decision, and the statements that made it:
console.log(
  answer.right.decision,
  answer.right.statements.map((s) => s.sid),
);
// The final decision, with the caller's identity policies assumed to allow (rule A5):
console.log(combineWithIdentity(answer.right, request));

export const results = {
  decision: answer.right.decision,
  final: combineWithIdentity(answer.right, request),
  overHttp: E.map((r: { decision: string }) => r.decision)(
    evaluateAccess([policy], { ...request, context: { 'aws:SecureTransport': 'false' } }),
  ),
};
