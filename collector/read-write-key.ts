// The write key comes as `Authorization: Basic base64("<key>:")` (the colon may be missing) or in the body.
export function readWriteKey(authorization: string | undefined, bodyKey: string | undefined): string | undefined {
  if (authorization) {
    const m = /^Basic\s+(\S+)\s*$/i.exec(authorization);
    if (m) {
      const decoded = Buffer.from(m[1], "base64").toString("utf8");
      const key = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
      if (key) return key;
    }
  }
  return bodyKey || undefined;
}
