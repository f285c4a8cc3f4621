// A user's own node:http server: its own route (/health) next to the SSM wire handler, which answers every
// AWS JSON call at `/`. Driven by the AWS SDK v3 as any application would drive SSM.
import { createServer } from 'node:http';
import {
  GetResourcePoliciesCommand,
  PutParameterCommand,
  PutResourcePolicyCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { createWireHandler } from '@ssm-policy/server';

const ssmHandler = createWireHandler();

const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const answer = await ssmHandler({
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: req.headers,
    body: Buffer.concat(chunks),
  });
  res.writeHead(answer.status, answer.headers).end(answer.body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;

try {
  const health = await fetch(`${endpoint}/health`);
  if (health.status !== 200 || (await health.text()) !== 'ok')
    throw new Error('own route /health did not answer');

  const ssm = new SSMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: '123456789012', secretAccessKey: 'local' },
  });
  const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db-url';
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'ssm:GetParameter', Resource: arn },
    ],
  });
  await ssm.send(
    new PutParameterCommand({
      Name: '/app/db-url',
      Value: 'postgres://db',
      Type: 'String',
      Tier: 'Advanced',
    }),
  );
  const put = await ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: policy }));
  const got = await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }));
  const [only] = got.Policies ?? [];
  if (got.Policies?.length !== 1 || only.PolicyId !== put.PolicyId || only.Policy !== policy)
    throw new Error(`GetResourcePolicies answered ${JSON.stringify(got.Policies)}`);
  console.log(`put and got policy ${put.PolicyId} through the SDK; /health answered ok`);
} finally {
  server.close();
}
