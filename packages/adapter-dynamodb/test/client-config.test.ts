import { describe, expect, it } from 'vitest';
import { dynamoDbClientConfig } from '../src/index.js';

const bounds = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
};

describe('dynamoDbClientConfig', () => {
  it('leaves region and credentials to the SDK without an endpoint (the real DynamoDB), with bounded calls', () => {
    expect(dynamoDbClientConfig({ AWS_REGION: 'eu-west-1' })).toEqual(bounds);
  });

  it('gives a local endpoint a region and placeholder credentials when none are configured', () => {
    expect(dynamoDbClientConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })).toEqual({
      ...bounds,
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
    ).toEqual({ ...bounds, endpoint: 'http://127.0.0.1:8000', region: 'eu-central-1' });
  });

  it('takes timeouts and attempts from the environment, and refuses nonsense naming the variable', () => {
    expect(
      dynamoDbClientConfig({
        DYNAMODB_MAX_ATTEMPTS: '1',
        DYNAMODB_CONNECT_TIMEOUT_MS: '300',
        DYNAMODB_REQUEST_TIMEOUT_MS: '500',
      }),
    ).toEqual({
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 300, requestTimeout: 500, throwOnRequestTimeout: true },
    });
    expect(() => dynamoDbClientConfig({ DYNAMODB_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      /DYNAMODB_REQUEST_TIMEOUT_MS/,
    );
  });
});
