// The write key comes as `Authorization: Basic base64("<key>:")` (the colon may be missing) or in the body.
export function readWriteKey(authorization: string | undefined, bodyKey: string | undefined): string | undefined {
  return (authorization && basicKey(authorization)) || bodyKey || undefined;
}

// A client sends the same header with every request; remembering a bounded number of short ones saves decoding it.
const MAX_REMEMBERED = 1_000;
const MAX_REMEMBERED_LENGTH = 256;
const remembered = new Map<string, string>();

function basicKey(authorization: string): string {
  let key = remembered.get(authorization);
  if (key === undefined) {
    key = decodeBasic(authorization);
    if (authorization.length <= MAX_REMEMBERED_LENGTH) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(authorization, key);
    }
  }
  return key;
}

// The key in a Basic auth header; "" when the header holds none.
function decodeBasic(authorization: string): string {
  const m = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return "";
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
}
