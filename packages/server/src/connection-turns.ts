/**
 * Each connection is served one request at a time, and a pipelining client costs the others (almost)
 * nothing. Node's HTTP server hands the listener every request of what it read at once — a client that
 * pipelines gets thousands of requests run per read (libuv reads up to 2 MB from a socket in one go) while
 * every other client waits, and a client that never reads its answers is not noticed until the kernel's
 * socket buffers (megabytes) are full. Here a request that arrives while another of its connection is being
 * served waits its turn; the waiting ones are served one per event-loop turn (`PER_TURN`), round robin over connections,
 * after the I/O of everyone else. A connection stops being read while it has `MAX_WAITING` requests waiting
 * or more unsent answer bytes than its budget, and is closed at four times the budget.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import type { IncomingMessage, ServerResponse } from 'node:http';
 * import { Socket } from 'node:net';
 * import { connectionTurns } from './connection-turns.js';
 * const served: string[] = [];
 * const turns = connectionTurns((req) => served.push(req.url ?? ''), 256 * 1024);
 * const socket = new Socket();
 * const request = (url: string) => ({ socket, url }) as IncomingMessage;
 * const res = {} as ServerResponse;
 * assert.equal(turns.admit(request('/a'), res), true); // the connection's first request: served now
 * assert.equal(turns.admit(request('/b'), res), false); // pipelined behind it: it waits its turn
 * turns.done(socket); // '/a' is answered: '/b' is served on a later event-loop turn
 * await new Promise((resolve) => setImmediate(resolve));
 * assert.deepEqual(served, ['/b']);
 *
 * @since 0.2.0
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
// Node's own, not the global that a test's fake timers replace.
import { setImmediate } from 'node:timers';

/** Requests a connection may have waiting before it is no longer read. */
const MAX_WAITING = 32;
/** Waiting requests served per event-loop turn, over all connections: pipelining gets the spare turns. */
const PER_TURN = 1;
const UNREAD_CLIENT_FACTOR = 4;

interface Turn {
  /** A request of this connection is being served. */
  busy: boolean;
  /** Requests waiting, in order. */
  readonly waiting: Array<[IncomingMessage, ServerResponse]>;
  /** This module paused the socket. */
  held: boolean;
  /** A 'drain' listener is waiting to look again. */
  drainHooked: boolean;
  /** The 'resume' listener that keeps a held socket paused is in place. */
  guarded: boolean;
  /** An answer closed the connection: nothing more of it is run. */
  closed: boolean;
}

/**
 * What the listener needs: `admit` at a request's arrival (true: serve it now), `done` once its answer is
 * handed to the socket.
 *
 * @category listener
 * @since 0.2.0
 */
export interface ConnectionTurns {
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /** The answer is handed to the socket; `closed` when it closes the connection. */
  done(socket: Socket, closed?: boolean): void;
  /** Whether requests of the connection are waiting their turn. */
  waiting(socket: Socket): boolean;
}

/**
 * Turns for the connections of one server: `serve` is called for a request whose turn came, and must call
 * `done` once it has answered.
 *
 * @category listener
 * @since 0.2.0
 */
export const connectionTurns = (
  serve: (req: IncomingMessage, res: ServerResponse) => void,
  maxUnsentBytes: number,
): ConnectionTurns => {
  const turns = new WeakMap<Socket, Turn>();
  // Connections with a request waiting and none being served, in the order their turn comes.
  const ready: Socket[] = [];
  let scheduled = false;

  /** Stops or resumes reading the socket, by what it has waiting and unsent. */
  const regulate = (socket: Socket, turn: Turn): void => {
    if (socket.destroyed) return;
    const unsent = socket.writableLength;
    if (unsent > maxUnsentBytes * UNREAD_CLIENT_FACTOR) {
      socket.destroy();
      return;
    }
    const tooMuchUnsent = unsent > maxUnsentBytes;
    if (tooMuchUnsent || turn.waiting.length >= MAX_WAITING) {
      turn.held = true;
      socket.pause();
      if (!turn.guarded) {
        // Node resumes a socket of its own accord: whenever a request's body is read (so each request served
        // from the queue would read another 64 KB of requests) and when its own back-pressure eases. Its
        // 'resume' comes on the next tick, before any read: pausing again then keeps the hold.
        turn.guarded = true;
        socket.on('resume', () => {
          if (turn.held && !socket.destroyed) socket.pause();
        });
      }
      if (tooMuchUnsent && !turn.drainHooked) {
        turn.drainHooked = true;
        socket.once('drain', () => {
          turn.drainHooked = false;
          regulate(socket, turn);
        });
      }
    } else if (turn.held) {
      turn.held = false;
      socket.resume();
    }
  };

  const runTurn = (): void => {
    scheduled = false;
    for (let n = Math.min(PER_TURN, ready.length); n > 0; n--) {
      const socket = ready.shift()!;
      const turn = turns.get(socket)!;
      const next = turn.waiting.shift();
      // A connection that can no longer be answered (closed, or ended by an answer that closed it): its
      // waiting requests are not run at all, so none changes what is stored without its client knowing.
      if (next === undefined || turn.closed || socket.destroyed || !socket.writable) {
        turn.waiting.length = 0;
        continue;
      }
      turn.busy = true;
      regulate(socket, turn);
      serve(next[0], next[1]);
    }
    if (ready.length > 0) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(runTurn);
  };

  return {
    waiting: (socket) => (turns.get(socket)?.waiting.length ?? 0) > 0,
    admit: (req, res) => {
      const socket = req.socket;
      let turn = turns.get(socket);
      if (turn === undefined) {
        turn = {
          busy: true,
          waiting: [],
          held: false,
          drainHooked: false,
          guarded: false,
          closed: false,
        };
        turns.set(socket, turn);
        return true;
      }
      // After an answer that closed the connection, a request still parsed is not run (nor answered).
      if (turn.closed) return false;
      if (!turn.busy && turn.waiting.length === 0) {
        turn.busy = true;
        return true;
      }
      turn.waiting.push([req, res]);
      regulate(socket, turn);
      return false;
    },
    done: (socket, closed = false) => {
      const turn = turns.get(socket);
      if (turn === undefined || !turn.busy) return;
      turn.busy = false;
      if (closed) {
        turn.closed = true;
        turn.waiting.length = 0;
        return;
      }
      regulate(socket, turn);
      if (turn.waiting.length > 0 && !socket.destroyed) {
        ready.push(socket);
        schedule();
      }
    },
  };
};
