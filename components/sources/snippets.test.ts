import { describe, expect, it } from "vitest";
import { snippetsFor } from "./snippets";

describe("install snippets", () => {
  it("points analytics-next at the collector with the key, without a trailing slash", () => {
    const [s] = snippetsFor("JAVASCRIPT", "abc123", "http://collector.test:8180/");
    expect(s.id).toBe("analytics-next");
    expect(s.code).toContain(`AnalyticsBrowser.load({ writeKey: "abc123", cdnURL: "http://collector.test:8180" })`);
  });

  it("gives server sources analytics-node with host, and curl with Basic auth", () => {
    const snippets = snippetsFor("SERVER", "k3y", "https://c.example");
    expect(snippets.map((s) => s.id)).toEqual(["analytics-node", "curl"]);
    expect(snippets[0].code).toContain(`new Analytics({ writeKey: "k3y", host: "https://c.example" })`);
    expect(snippets[1].code).toContain("curl https://c.example/v1/track");
    expect(snippets[1].code).toContain("-u 'k3y:'");
  });

  it("leads with curl for HTTP API sources", () => {
    expect(snippetsFor("HTTP", "k", "http://c").map((s) => s.id)).toEqual(["curl", "analytics-node"]);
  });
});
