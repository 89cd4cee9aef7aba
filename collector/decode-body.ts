import zlib from "node:zlib";
import { AppError } from "@/lib/errors/app-error";
import { LIMITS } from "@/pipeline/limits";

// Gunzips (or inflates) a body without letting it grow past the request limit, then decodes UTF-8.
export function decodeBody(raw: Buffer, contentEncoding: string | undefined): string {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  let buf = raw;
  try {
    if (encoding === "gzip" || encoding === "x-gzip") buf = zlib.gunzipSync(raw, { maxOutputLength: LIMITS.maxRequestBytes + 1 });
    else if (encoding === "deflate") buf = zlib.inflateSync(raw, { maxOutputLength: LIMITS.maxRequestBytes + 1 });
    else if (encoding !== "identity" && encoding !== "") {
      throw new AppError("unsupported_media_type", `Content-Encoding ${encoding.slice(0, 20)} is not supported; use gzip.`);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw tooLarge();
    throw new AppError("bad_request", "The body is not valid gzip.");
  }
  if (buf.length > LIMITS.maxRequestBytes) throw tooLarge();
  return buf.toString("utf8");
}

export const tooLarge = () => new AppError("payload_too_large", `A request may be at most ${LIMITS.maxRequestBytes / 1024} KB.`);
export const unsupportedMediaType = () => new AppError("unsupported_media_type", "Send JSON as application/json or text/plain.");

// The body types the tracking API reads as JSON (analytics.js sends text/plain to skip the CORS preflight).
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || type === "text/plain";
}
