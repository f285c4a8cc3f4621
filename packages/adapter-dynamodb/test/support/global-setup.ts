/**
 * vitest global set-up: one DynamoDB Local for the whole run, its endpoint provided as `dynamoEndpoint`.
 * Each test file makes its own tables, so files stay independent.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '@ssm-policy/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const local = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', local.endpoint);
  return () => local.stop();
}
