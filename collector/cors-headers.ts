// CORS for every collector answer: browsers send events from any site, with credentials when the page asks.
// Header names and values, in pairs.
export function corsHeaders(origin: string | undefined): string[] {
  return origin ? ["Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true", "Vary", "Origin"] : ["Access-Control-Allow-Origin", "*"];
}
