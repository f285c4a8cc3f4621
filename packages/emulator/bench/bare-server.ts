/**
 * The benchmark's floor: a bare `node:http` server on `127.0.0.1:$PORT` that reads each request's body and
 * answers a fixed 200 with `{}`, in a process of its own, as the emulator runs in its own.
 */
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': 2 });
    res.end('{}');
  });
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`bare node:http listening on http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
