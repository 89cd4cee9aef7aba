import { randomBytes } from "node:crypto";

export const ID_PREFIXES = {
  user: "usr",
  workspace: "ws",
  membership: "mem",
  invitation: "inv",
  source: "src",
  writeKey: "key",
  destination: "dst",
  connection: "con",
  filter: "flt",
  mapping: "map",
  trackingPlan: "tp",
  planRule: "tpr",
  regulation: "reg",
  regulationStatus: "rgs",
  apiToken: "tok",
  audit: "aud",
  loginAttempt: "la",
  request: "req",
  event: "evt",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// Crockford base32: sorts the same as the numbers it encodes.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encodeTime(ms: number): string {
  let out = "";
  let n = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

function encodeRandom(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

export type CreateIdOptions = { kind: IdKind; now?: number };

// `<prefix>_<10 chars of time><16 random chars>`: unique, and sortable by creation time.
export function createId({ kind, now = Date.now() }: CreateIdOptions): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom(16)}`;
}
