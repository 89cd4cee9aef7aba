import http from "node:http";
import type net from "node:net";
import { shuttingDownReply, TRACKING_CONTENT_TYPE, type TrackingAnswer, type TrackingReply } from "../answer-tracking-request";
import { corsHeaders } from "../cors-headers";
import type { CollectorMetrics } from "../metrics";
import { parseRequestHead, type FastRequestHead } from "./parse-request-head";

export type FastHttpOptions = {
  server: http.Server;
  answers: TrackingAnswer;
  metrics: CollectorMetrics;
  isClosing: () => boolean;
};

const HEAD_END = Buffer.from("\r\n\r\n");
// node:http's default limit; a longer head is handed over, and node answers 431.
const MAX_HEAD_BYTES = 16 * 1024;
// Pipelined bytes buffered while a request is being answered, before reading pauses.
const MAX_BUFFERED_BYTES = 1024 * 1024;
const CHECK_INTERVAL_MS = 1_000;
const TIMEOUT_RESPONSE = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n";

// The collector's own HTTP/1.1 for the requests that carry nearly all its traffic: a POST with a declared-length
// JSON body to a tracking endpoint (see parseRequestHead). node:http's per-request objects and streams cost about
// as much CPU as the rest of a single-event request. Every connection starts here; at the first request of any
// other kind, it is handed to node:http (and so to fastify) for the rest of its life, with the bytes read so far.
// Replies go out in request order; pipelined requests wait their turn. Timeouts follow the server's:
// keepAliveTimeout while idle, headersTimeout and requestTimeout for a request that arrives too slowly.
export function serveFastHttp(o: FastHttpOptions): void {
  const server = o.server;
  const nodeConnectionListener = (server.listeners("connection") as ((socket: net.Socket) => void)[]).find((l) => l.name === "connectionListener");
  if (!nodeConnectionListener) throw new Error("node:http's connection listener was not found");
  server.removeListener("connection", nodeConnectionListener);
  const open = new Set<FastConnection>();

  const shared: Shared = {
    o,
    open,
    handOff: (socket) => nodeConnectionListener.call(server, socket),
  };
  server.on("connection", (socket: net.Socket) => open.add(new FastConnection(socket, shared)));

  // Slow requests: the head within headersTimeout, the whole request within requestTimeout, as node:http enforces.
  const check = setInterval(() => {
    const now = performance.now();
    for (const c of open) c.checkTimeout(now, server.headersTimeout, server.requestTimeout);
  }, CHECK_INTERVAL_MS).unref();
  server.once("close", () => clearInterval(check));

  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    for (const c of open) c.closeIfIdle();
    closeIdle();
  };
  const closeAll = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    for (const c of open) c.socket.destroy();
    closeAll();
  };
}

type Shared = { o: FastHttpOptions; open: Set<FastConnection>; handOff: (socket: net.Socket) => void };

class FastConnection {
  // Bytes read and not yet consumed, from the start of the current request.
  private buf: Buffer | null = null;
  // Where to resume looking for the end of the head.
  private scanFrom = 0;
  private head: FastRequestHead | null = null;
  private bodyStart = 0;
  // Body chunks that arrived after the head, joined once the body is complete.
  private parts: Buffer[] = [];
  private partsSize = 0;
  private busy = false;
  // Replies the client has not read yet fill the socket's buffer: reading waits for it to drain.
  private waitingDrain = false;
  private endAfterReply = false;
  // When the first byte of a request not yet complete arrived (0: none pending).
  private startedAt = 0;

  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onEnd = () => this.clientEnded();
  private readonly onTimeout = () => {
    if (!this.busy) this.socket.destroy();
  };
  private readonly onError = () => this.socket.destroy();
  private readonly onClose = () => this.shared.open.delete(this);
  private readonly onDrain = () => {
    this.waitingDrain = false;
    this.socket.resume();
    this.next();
    if (this.endAfterReply && !this.busy) this.socket.end();
  };

  constructor(
    readonly socket: net.Socket,
    private readonly shared: Shared,
  ) {
    const server = shared.o.server;
    if (server.keepAliveTimeout) socket.setTimeout(server.keepAliveTimeout + 1_000);
    socket.on("data", this.onData).on("end", this.onEnd).on("timeout", this.onTimeout).on("error", this.onError).on("close", this.onClose);
  }

  checkTimeout(now: number, headersTimeout: number, requestTimeout: number) {
    if (this.startedAt === 0 || this.busy || this.waitingDrain) return;
    const elapsed = now - this.startedAt;
    if ((this.head === null && headersTimeout > 0 && elapsed > headersTimeout) || (requestTimeout > 0 && elapsed > requestTimeout)) {
      this.socket.end(TIMEOUT_RESPONSE);
      this.socket.destroySoon();
      this.startedAt = 0;
    }
  }

  closeIfIdle() {
    if (!this.busy && !this.waitingDrain && this.buf === null) this.socket.destroy();
    else this.endAfterReply = true;
  }

  private read(chunk: Buffer) {
    if (this.startedAt === 0) this.startedAt = performance.now();
    if (this.head !== null && this.buf !== null) {
      // Reading a body: join once it is all here.
      this.parts.push(chunk);
      this.partsSize += chunk.length;
      if (this.buf.length + this.partsSize < this.bodyStart + this.head.contentLength) return;
      this.buf = Buffer.concat([this.buf, ...this.parts]);
      this.parts = [];
      this.partsSize = 0;
    } else {
      this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
    }
    if (this.busy || this.waitingDrain) {
      if (this.buf.length > MAX_BUFFERED_BYTES) this.socket.pause();
      return;
    }
    this.next();
  }

  // Answers the next complete request in the buffer, if there is one.
  private next() {
    const buf = this.buf;
    if (buf === null) return;
    if (this.head === null) {
      const end = buf.indexOf(HEAD_END, this.scanFrom);
      if (end === -1) {
        if (buf.length > MAX_HEAD_BYTES) this.handOff();
        else this.scanFrom = Math.max(0, buf.length - 3);
        return;
      }
      const head = end <= MAX_HEAD_BYTES ? parseRequestHead(buf.toString("latin1", 0, end)) : null;
      if (head === null) return this.handOff();
      this.head = head;
      this.bodyStart = end + 4;
      this.scanFrom = 0;
    }
    const need = this.bodyStart + this.head.contentLength;
    if (buf.length < need) return;
    const head = this.head;
    this.head = null;
    this.buf = need === buf.length ? null : buf.subarray(need);
    this.startedAt = this.buf === null ? 0 : performance.now();
    this.answer(head, buf.subarray(this.bodyStart, need));
  }

  private answer(head: FastRequestHead, body: Buffer) {
    this.busy = true;
    const { answers, isClosing } = this.shared.o;
    if (isClosing()) {
      this.reply(head, shuttingDownReply());
      return;
    }
    answers
      .answer(
        {
          route: head.route,
          contentEncoding: head.contentEncoding,
          authorization: head.authorization,
          remoteAddress: this.socket.remoteAddress,
          forwardedFor: head.forwardedFor,
          userAgent: head.userAgent,
        },
        body,
      )
      .then(
        (reply) => this.reply(head, reply),
        () => this.socket.destroy(),
      );
  }

  private reply(head: FastRequestHead, reply: TrackingReply) {
    this.shared.o.metrics.countRequest(head.route.url, "POST", reply.status);
    if (this.socket.destroyed) return;
    const close = this.shared.o.isClosing();
    this.socket.write(serializeReply(reply, head.origin, close, this.shared.o.server.keepAliveTimeout));
    this.busy = false;
    if (close) {
      this.socket.end();
      return;
    }
    if (this.socket.writableNeedDrain) {
      // Like node:http: a client that sends requests without reading the answers is not read from meanwhile.
      this.waitingDrain = true;
      this.socket.pause();
      this.socket.once("drain", this.onDrain);
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    this.next();
    // The client has sent all it will: once nothing is being answered, close our side too.
    if (this.endAfterReply && !this.busy) this.socket.end();
  }

  private clientEnded() {
    this.endAfterReply = true;
    if (!this.busy && !this.waitingDrain) this.socket.end();
  }

  // node:http takes the connection from here on, starting with the bytes of the request not yet answered.
  private handOff() {
    const socket = this.socket;
    socket.removeListener("data", this.onData).removeListener("end", this.onEnd).removeListener("timeout", this.onTimeout);
    socket.removeListener("error", this.onError).removeListener("close", this.onClose);
    socket.setTimeout(0);
    this.shared.open.delete(this);
    socket.pause();
    if (this.buf !== null) socket.unshift(this.buf);
    this.shared.handOff(socket);
    socket.resume();
  }
}

let dateSecond = 0;
let dateText = "";

function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

function serializeReply(reply: TrackingReply, origin: string | undefined, close: boolean, keepAliveTimeout: number): string {
  let out = `HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status]}\r\n`;
  const cors = corsHeaders(origin);
  for (let i = 0; i < cors.length; i += 2) out += `${cors[i]}: ${cors[i + 1]}\r\n`;
  out += `Content-Type: ${TRACKING_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(reply.body)}\r\nDate: ${httpDate()}\r\n`;
  if (reply.extra) {
    for (let i = 0; i < reply.extra.length; i += 2) if (reply.extra[i] !== "Connection") out += `${reply.extra[i]}: ${reply.extra[i + 1]}\r\n`;
  }
  out += close ? "Connection: close\r\n" : `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveTimeout / 1000)}\r\n`;
  return `${out}\r\n${reply.body}`;
}
