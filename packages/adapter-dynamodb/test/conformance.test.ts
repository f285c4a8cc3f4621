// The conformance kit against DynamoDB Local: the store contract on the repository, and the service contract,
// the model-based properties and the concurrency checks on the core wired to it. Every factory call gets a
// fresh table (dropped on dispose), so runs never see each other's OpsItemGroup policies.
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll } from 'vitest';
import { createMemoryParameterCatalog } from '@ssm-policy/adapter-memory';
import { coreServiceFactory, type RepositoryFactory, type ServiceFactory } from '@ssm-policy/conformance';
import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';
import { createDynamoDbPolicyRepository } from '../src/index.js';
import { newClient, newTable } from './support/fixture.js';

let client: DynamoDBClient;
beforeAll(() => {
  client = newClient();
});

const withTable = async (): Promise<{ tableName: string; drop: () => Promise<void> }> => {
  const tableName = await newTable(client);
  return {
    tableName,
    drop: async () => void (await client.send(new DeleteTableCommand({ TableName: tableName }))),
  };
};

const repositoryFactory: RepositoryFactory = async () => {
  const { tableName, drop } = await withTable();
  return { repository: createDynamoDbPolicyRepository({ client, tableName }), dispose: drop };
};

const serviceFactory: ServiceFactory = async (setup) => {
  const { tableName, drop } = await withTable();
  const handle = await coreServiceFactory({
    repository: () => createDynamoDbPolicyRepository({ client, tableName }),
    catalog: createMemoryParameterCatalog,
  })(setup);
  return {
    ...handle,
    dispose: async () => {
      await handle.dispose();
      await drop();
    },
  };
};

describePolicyRepository('DynamoDB Local repository', repositoryFactory);
describeSsmService('core + DynamoDB Local', serviceFactory);
