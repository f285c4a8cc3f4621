/**
 * `@ssm-policy/dynamodb-local`'s start when its port is taken between the moment it is chosen and Java's own bind
 * (a second or more later, once the JVM is up). The race cannot be produced on demand, so the test gives a port
 * chooser whose first port is held by a server that accepts connections and never answers: the worst occupant,
 * since a readiness probe sent to it would wait for ever.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from '@ssm-policy/dynamodb-local';

/** A port held by a server that accepts connections and never answers. */
interface HeldPort {
  readonly port: number;
  /** Closes the server and the connections it accepted (`close` alone waits for them to end). */
  release(): Promise<void>;
}

/** A port chosen by the system, on all interfaces as Java binds, held until `release`. */
const holdPort = (): Promise<HeldPort> =>
  new Promise((resolve, reject) => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.once('error', reject);
    server.listen(0, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        release: () =>
          new Promise((released) => {
            server.close(() => released());
            for (const socket of sockets) socket.destroy();
          }),
      }),
    );
  });

describe('startDynamoDbLocal on a taken port', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  it('tries another port when Java finds the first one taken, and answers on that one', async () => {
    const held = await holdPort();
    cleanups.push(() => held.release());
    const tried: number[] = [];
    // A port free a moment ago, as the default chooser gives.
    const spare = await holdPort();
    await spare.release();
    const ports = [held.port, spare.port];
    const local: DynamoDbLocal = await startDynamoDbLocal({
      choosePort: () => {
        const port = ports[tried.length]!;
        tried.push(port);
        return Promise.resolve(port);
      },
    });
    cleanups.push(() => local.stop());
    expect(tried).toEqual([held.port, spare.port]);
    expect(local.endpoint).toBe(`http://127.0.0.1:${spare.port}`);
    const client = localClient(local.endpoint);
    try {
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it('gives up after portAttempts taken ports, saying so, instead of waiting on a port that never answers', async () => {
    const held = await holdPort();
    cleanups.push(() => held.release());
    let tries = 0;
    // Not "did not answer": the readiness probe, sent to a port that never answers, did not hold a try up until
    // its 60 s deadline (nor the test up until its timeout).
    await expect(
      startDynamoDbLocal({
        portAttempts: 2,
        choosePort: () => {
          tries++;
          return Promise.resolve(held.port);
        },
      }),
    ).rejects.toThrow(`DynamoDB Local could not bind port ${held.port}`);
    expect(tries).toBe(2);
  }, 60_000);
});
