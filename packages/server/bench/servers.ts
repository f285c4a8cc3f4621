/**
 * The benchmark's server process: the emulator (in-memory store) and a bare `node:http` server that answers a
 * fixed 200, both on free loopback ports, so that the load generator in the parent process does not share their
 * event loop. A third server runs the emulator's listener around a constant answer, to
 * tell the HTTP layer's cost from the handler's. Prints their ports as one JSON line once all listen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener, jsonResponse, startEmulator } from '@ssm-policy/server';

const emulator = await startEmulator({ port: 0 });
const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': 2 });
    res.end('{}');
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
// The emulator's listener around a handler that answers a constant: what the HTTP layer alone costs.
const fixed = jsonResponse('00000000-0000-0000-0000-000000000000', 200, { Policies: [] });
const listener = createServer(createRequestListener(() => Promise.resolve(fixed)));
await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
const port = (s: { address(): unknown }): number => (s.address() as AddressInfo).port;
console.log(JSON.stringify({ emulator: emulator.port, bare: port(bare), listener: port(listener) }));
process.on('SIGTERM', () => {
  bare.close();
  listener.close();
  void emulator.close().then(() => process.exit(0));
});
