import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth, useCollectorWithSource } from "@/tests/helpers/start-collector";

const ctx = useCollectorWithSource();

type Send = { path?: string; body: string | Buffer; contentType?: string; auth?: string | null; headers?: Record<string, string> };

async function send({ path = "/v1/batch", body, contentType = "application/json", auth, headers = {} }: Send) {
  const res = await fetch(`${ctx.collector.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": contentType,
      ...(auth === null ? {} : { Authorization: auth ?? basicAuth(ctx.source.writeKey) }),
      ...headers,
    },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await res.text();
  let json: { success?: boolean; accepted?: number; rejected?: { index: number; reason: string }[]; error?: { code: string; message: string } } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: asserted on by the caller
  }
  return { status: res.status, json, text };
}

const track = (o: Record<string, unknown> = {}) => ({ type: "track", event: "Tested", userId: "u-bad", ...o });

async function stillUp() {
  const r = await send({ path: "/v1/track", body: JSON.stringify(track({ messageId: `alive-${Math.random()}` })) });
  expect(r.status).toBe(200);
}

describe("bad input", () => {
  it("malformed JSON: 400", async () => {
    const r = await send({ body: '{"batch": [' });
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe("bad_request");
    expect(r.json.error?.message).toMatch(/not valid JSON/);
    await stillUp();
  });

  it("empty body: 400", async () => {
    const r = await send({ path: "/v1/track", body: "" });
    expect(r.status).toBe(400);
  });

  it("an event over 32 KB is rejected on its own; its batch neighbours are kept", async () => {
    const r = await send({ body: JSON.stringify({ batch: [track({ properties: { blob: "x".repeat(40_000) } }), track({ messageId: "kept-next-to-big" })] }) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true, accepted: 1, rejected: [{ index: 0, reason: "event_too_large" }] });
    const single = await send({ path: "/v1/track", body: JSON.stringify(track({ properties: { blob: "x".repeat(40_000) } })) });
    expect(single.status).toBe(400);
    expect(single.json.error?.code).toBe("validation_failed");
  });

  it("a request over 500 KB: 413 with the JSON error shape, gzip bombs included", async () => {
    const big = JSON.stringify({ batch: Array.from({ length: 30 }, (_, i) => track({ messageId: `big-${i}`, properties: { blob: "y".repeat(20_000) } })) });
    const r = await send({ body: big });
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe("payload_too_large");
    const bomb = zlib.gzipSync(Buffer.from(big));
    expect(bomb.length).toBeLessThan(50_000);
    const g = await send({ body: bomb, headers: { "Content-Encoding": "gzip" } });
    expect(g.status).toBe(413);
    expect(g.json.error?.code).toBe("payload_too_large");
    await stillUp();
  });

  it("gzip bodies within limits are accepted (as /v1/import sends them)", async () => {
    const body = zlib.gzipSync(Buffer.from(JSON.stringify({ batch: [track({ messageId: "gzipped-1" })] })));
    const r = await send({ path: "/v1/import", body, headers: { "Content-Encoding": "gzip" } });
    expect(r.status).toBe(200);
    expect((await readEvents(ctx.source.sourceId)).some((e) => e.message_id === "gzipped-1")).toBe(true);
  });

  it("2,501 events in a batch: 400", async () => {
    const r = await send({ body: JSON.stringify({ batch: Array.from({ length: 2501 }, () => ({ type: "track" })) }) });
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toMatch(/2500/);
  });

  it("unknown, missing and malformed write keys: 401 JSON error that does not echo the key", async () => {
    const unknown = await send({ body: JSON.stringify({ batch: [track()] }), auth: basicAuth("not-a-real-key-1234567890") });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error?.code).toBe("unauthorized");
    expect(unknown.text).not.toContain("not-a-real-key");
    const missing = await send({ body: JSON.stringify({ batch: [track()] }), auth: null });
    expect(missing.status).toBe(401);
    const inBody = await send({ body: JSON.stringify({ writeKey: ctx.source.writeKey, batch: [track({ messageId: "body-key" })] }), auth: null });
    expect(inBody.status).toBe(200);
    const noColon = await send({ path: "/v1/t", body: JSON.stringify(track({ messageId: "no-colon" })), auth: `Basic ${Buffer.from(ctx.source.writeKey).toString("base64")}` });
    expect(noColon.status).toBe(200);
  });

  it("missing userId and anonymousId: the item is rejected with its reason", async () => {
    const r = await send({ body: JSON.stringify({ batch: [{ type: "identify", traits: { a: 1 } }, track({ messageId: "has-id" })] }) });
    expect(r.json).toMatchObject({ success: true, accepted: 1, rejected: [{ index: 0, reason: "missing_identity" }] });
    const single = await send({ path: "/v1/identify", body: JSON.stringify({ traits: {} }) });
    expect(single.status).toBe(400);
    expect(single.json.error?.message).toMatch(/userId or anonymousId/);
    const stored = await getPool().query(`SELECT reason, item_index FROM eventlog.rejections WHERE source_id = $1 AND reason = 'missing_identity'`, [ctx.source.sourceId]);
    expect(stored.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("\\u0000 in strings is stripped, never a 500", async () => {
    const r = await send({ path: "/v1/track", body: '{"type":"track","event":"nul\\u0000here","userId":"u-nul","messageId":"nul-1","properties":{"k\\u0000":"v\\u0000"}}' });
    expect(r.status).toBe(200);
    const e = (await readEvents(ctx.source.sourceId)).find((x) => x.message_id === "nul-1");
    expect(e?.event).toBe("nulhere");
    expect(e?.payload.properties).toEqual({ k: "v" });
  });

  it("__proto__ keys are dropped without polluting prototypes", async () => {
    const r = await send({ body: '{"batch":[{"type":"track","event":"p","userId":"u","messageId":"proto-1","properties":{"__proto__":{"isAdmin":true},"ok":1}}],"context":{"__proto__":{"x":1}}}' });
    expect(r.status).toBe(200);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const e = (await readEvents(ctx.source.sourceId)).find((x) => x.message_id === "proto-1");
    expect(e?.payload.properties).toEqual({ ok: 1 });
  });

  it("deep nesting: the item is rejected as too_deep; a deep envelope fails the request", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const r = await send({ body: `{"batch":[{"type":"track","event":"d","userId":"u","properties":{"d":${deep}}},{"type":"track","event":"d","userId":"u","messageId":"shallow"}]}` });
    expect(r.json).toMatchObject({ success: true, accepted: 1, rejected: [{ index: 0, reason: "too_deep" }] });
    const env = await send({ body: `{"context":{"d":${deep}},"batch":[]}` });
    expect(env.status).toBe(400);
    expect(env.json.error?.message).toMatch(/nested deeper/);
    await stillUp();
  });

  it("wrong content type: 415; text/plain JSON is accepted", async () => {
    const r = await send({ body: "a=b", contentType: "application/x-www-form-urlencoded" });
    expect(r.status).toBe(415);
    expect(r.json.error?.code).toBe("unsupported_media_type");
    const plain = await send({ path: "/v1/p", body: JSON.stringify({ anonymousId: "a", messageId: "plain-1", writeKey: ctx.source.writeKey }), contentType: "text/plain", auth: null });
    expect(plain.status).toBe(200);
  });

  it("counts every rejection by reason in /metrics", async () => {
    const text = await (await fetch(`${ctx.collector.url}/metrics`)).text();
    for (const reason of ["invalid_json", "request_too_large", "batch_too_large", "unauthorized", "unsupported_media_type", "too_deep"]) {
      expect(text).toMatch(new RegExp(`switchyard_collector_events_rejected_total\\{reason="${reason}",scope="request"\\} \\d+`));
    }
    for (const reason of ["event_too_large", "missing_identity", "too_deep"]) {
      expect(text).toMatch(new RegExp(`switchyard_collector_events_rejected_total\\{reason="${reason}",scope="event"\\} \\d+`));
    }
  });
});
