import net from "node:net";

export type RawConnection = Awaited<ReturnType<typeof rawConnection>>;

// A raw HTTP/1.1 connection kept open: write bytes, wait for text in everything received so far.
export async function rawConnection(baseUrl: string) {
  const { port } = new URL(baseUrl);
  const socket = net.connect({ port: Number(port), host: "127.0.0.1", noDelay: true });
  let data = "";
  let closed = false;
  let waiting: { text: string; resolve: () => void } | undefined;
  const check = () => {
    if (waiting && (data.includes(waiting.text) || closed)) waiting.resolve();
  };
  socket.on("data", (d) => {
    data += d.toString("utf8");
    check();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
    check();
  });
  await new Promise<void>((r) => socket.on("connect", () => r()));
  return {
    write: (b: string | Buffer) => socket.write(b),
    // Sends everything so far and closes the sending side; the answer can still arrive.
    end: () => socket.end(),
    seen: (text: string) => new Promise<void>((resolve) => (data.includes(text) || closed ? resolve() : (waiting = { text, resolve }))),
    received: () => data,
    isClosed: () => closed,
    closed: () => new Promise<void>((resolve) => (closed ? resolve() : socket.once("close", () => resolve()))),
    destroy: () => socket.destroy(),
  };
}
