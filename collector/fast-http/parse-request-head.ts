import { LIMITS } from "@/pipeline/limits";
import { isJsonContentType } from "../decode-body";
import { findTrackingRoute, type TrackingRoute } from "../tracking-routes";

// A request the fast path answers itself: a POST to a tracking endpoint over HTTP/1.1 with a JSON body of a declared
// length within the request limit.
export type FastRequestHead = {
  route: TrackingRoute;
  contentLength: number;
  contentEncoding?: string;
  authorization?: string;
  origin?: string;
  userAgent?: string;
  forwardedFor?: string;
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Control characters other than HTAB, and CR or LF outside a line ending.
const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n/;
const DIGITS = /^\d{1,9}$/;

// Reads a request head (request line and header lines, without the blank line that ends it, as latin1). Returns
// null for anything the fast path leaves to node:http, which answers it as it always does: another method or path,
// HTTP/1.0, a chunked or absent body length, Expect, Upgrade, Connection other than keep-alive, a missing Host, a
// body too large or not JSON, repeated framing headers, and any head node's strict parser would refuse or read
// differently (obsolete line folding, whitespace before a colon, control characters, a malformed name).
export function parseRequestHead(head: string): FastRequestHead | null {
  if (FORBIDDEN.test(head)) return null;
  let eol = head.indexOf("\r\n");
  if (eol === -1) return null;
  const line = head.slice(0, eol);
  if (!line.startsWith("POST /") || !line.endsWith(" HTTP/1.1")) return null;
  const target = line.slice(5, line.length - 9);
  if (target.includes(" ")) return null;
  const route = findTrackingRoute(target);
  if (!route) return null;

  const h: FastRequestHead = { route, contentLength: -1 };
  let host = false;
  let contentType: string | undefined;
  for (let pos = eol + 2; pos < head.length; pos = eol + 2) {
    eol = head.indexOf("\r\n", pos);
    if (eol === -1) eol = head.length;
    const colon = head.indexOf(":", pos);
    if (colon === -1 || colon > eol) return null;
    const name = head.slice(pos, colon);
    if (!TOKEN.test(name)) return null;
    const value = head.slice(colon + 1, eol).trim();
    switch (name.toLowerCase()) {
      case "content-length":
        if (h.contentLength !== -1 || !DIGITS.test(value)) return null;
        h.contentLength = Number(value);
        break;
      case "host":
        if (host) return null;
        host = true;
        break;
      case "content-type":
        contentType ??= value;
        break;
      case "content-encoding":
        if (h.contentEncoding !== undefined) return null;
        h.contentEncoding = value;
        break;
      case "connection":
        if (value.toLowerCase() !== "keep-alive") return null;
        break;
      case "transfer-encoding":
      case "expect":
      case "upgrade":
        return null;
      // As node:http reads them: the first authorization and user-agent count, repeated others are joined.
      case "authorization":
        h.authorization ??= value;
        break;
      case "user-agent":
        h.userAgent ??= value;
        break;
      case "origin":
        h.origin = h.origin === undefined ? value : `${h.origin}, ${value}`;
        break;
      case "x-forwarded-for":
        h.forwardedFor = h.forwardedFor === undefined ? value : `${h.forwardedFor}, ${value}`;
        break;
    }
  }
  if (!host || h.contentLength === -1 || h.contentLength > LIMITS.maxRequestBytes) return null;
  if (h.contentLength > 0 && !isJsonContentType(contentType)) return null;
  return h;
}
