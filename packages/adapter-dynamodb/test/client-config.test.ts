import { describe, expect, it } from 'vitest';
import { dynamoDbClientConfig } from '../src/index.js';

describe('dynamoDbClientConfig', () => {
  it('leaves everything to the SDK without an endpoint (the real DynamoDB)', () => {
    expect(dynamoDbClientConfig({ AWS_REGION: 'eu-west-1' })).toEqual({});
  });

  it('gives a local endpoint a region and placeholder credentials when none are configured', () => {
    expect(dynamoDbClientConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })).toEqual({
      endpoint: 'http://127.0.0.1:8000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  it('keeps the region and credentials the environment names', () => {
    expect(
      dynamoDbClientConfig({
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
        AWS_DEFAULT_REGION: 'eu-central-1',
        AWS_PROFILE: 'dev',
      }),
    ).toEqual({ endpoint: 'http://127.0.0.1:8000', region: 'eu-central-1' });
  });
});
