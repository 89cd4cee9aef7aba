// Loaded with `node --import` in main-process.test.ts: the collector must never load the console's frameworks.
import { register } from "node:module";

register("data:text/javascript," + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/^(next|react|react-dom)(\\/|$)/.test(specifier)) throw new Error("FORBIDDEN_IMPORT " + specifier);
  return next(specifier, context);
}`));
