import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";

describe("collector metrics", () => {
  it("counts requests per route, method and status, and events through label handles", () => {
    const metrics = createMetrics();
    metrics.countRequest("/v1/track", "POST", 200);
    metrics.countRequest("/v1/track", "POST", 200);
    metrics.countRequest("/v1/track", "POST", 400);
    metrics.countRequest("unmatched", "GET", 404);
    const accepted = metrics.accepted.with({});
    accepted.inc(3);
    accepted.inc();
    const text = metrics.render();
    expect(text).toContain('switchyard_collector_requests_total{method="POST",route="/v1/track",status="200"} 2\n');
    expect(text).toContain('switchyard_collector_requests_total{method="POST",route="/v1/track",status="400"} 1\n');
    expect(text).toContain('switchyard_collector_requests_total{method="GET",route="unmatched",status="404"} 1\n');
    expect(text).toContain("switchyard_collector_events_accepted_total 4\n");
    expect(metrics.accepted.get()).toBe(4);
  });
});
