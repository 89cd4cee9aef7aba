import type { RequestRejectReason } from "@/pipeline/reject-reasons";

// Prometheus text exposition, by hand: a few counters and two histograms are all the collector needs.

type Labels = Record<string, string>;

const labelKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");

export type CounterHandle = { inc: (by?: number) => void };

class Counter {
  private values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1) {
    this.add(labelKey(labels), by);
  }
  // One label set with its key built once, for counters bumped on every request.
  with(labels: Labels): CounterHandle {
    const k = labelKey(labels);
    return { inc: (by = 1) => this.add(k, by) };
  }
  private add(k: string, by: number) {
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ""} ${v}`);
    return lines.join("\n");
  }
}

const histogramHeader = (name: string, help: string) => `# HELP ${name} ${help}\n# TYPE ${name} histogram`;

class Histogram {
  private counts: number[];
  private sum = 0;
  private count = 0;
  // labels: this series' label pairs, rendered before `le` (a series of a HistogramFamily).
  constructor(readonly name: string, readonly help: string, readonly buckets: number[], private readonly labels = "") {
    this.counts = buckets.map(() => 0);
  }
  // Counts per bucket, not cumulative: observing touches one; rendering adds them up.
  observe(v: number) {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) {
      if (v <= this.buckets[i]) {
        this.counts[i]++;
        return;
      }
    }
  }
  render(): string {
    return [histogramHeader(this.name, this.help), this.renderSeries()].join("\n");
  }
  renderSeries(): string {
    const l = this.labels ? `${this.labels},` : "";
    const tail = this.labels ? `{${this.labels}}` : "";
    let cumulative = 0;
    const lines = this.buckets.map((b, i) => `${this.name}_bucket{${l}le="${b}"} ${(cumulative += this.counts[i])}`);
    lines.push(`${this.name}_bucket{${l}le="+Inf"} ${this.count}`, `${this.name}_sum${tail} ${this.sum}`, `${this.name}_count${tail} ${this.count}`);
    return lines.join("\n");
  }
}

// One histogram per value of a single label, created as values are seen.
class HistogramFamily {
  private series = new Map<string, Histogram>();
  constructor(readonly name: string, readonly help: string, readonly label: string, readonly buckets: number[]) {}
  observe(value: string, v: number) {
    let h = this.series.get(value);
    if (!h) {
      h = new Histogram(this.name, this.help, this.buckets, labelKey({ [this.label]: value }));
      this.series.set(value, h);
    }
    h.observe(v);
  }
  render(): string {
    return [histogramHeader(this.name, this.help), ...[...this.series.values()].map((h) => h.renderSeries())].join("\n");
  }
}

const LATENCY_BUCKETS = [0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type CollectorMetrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const m = {
    requests: new Counter("switchyard_collector_requests_total", "HTTP requests by route and status"),
    accepted: new Counter("switchyard_collector_events_accepted_total", "Events written to the event log"),
    duplicates: new Counter("switchyard_collector_events_duplicate_total", "Events dropped as repeats of a messageId"),
    rejected: new Counter("switchyard_collector_events_rejected_total", "Events and requests refused, by reason"),
    batchSize: new Histogram("switchyard_collector_write_batch_events", "Events per group commit", [1, 5, 10, 50, 100, 500, 1000, 2500, 5000]),
    writeSeconds: new Histogram(
      "switchyard_collector_write_seconds",
      "Duration of one group commit",
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
    writeFailures: new Counter("switchyard_collector_write_failures_total", "Group commits that failed"),
    // Tracking requests only. With the wait below and the commit's duration above, a slow answer shows whether it
    // waited for its commit to start, for the commit itself, or for neither.
    requestSeconds: new Histogram(
      "switchyard_collector_request_seconds",
      "Tracking requests: from the request read in full to its answer ready",
      LATENCY_BUCKETS,
    ),
    writeQueueSeconds: new Histogram(
      "switchyard_collector_write_queue_seconds",
      "How long a request's events waited in the collector for their group commit to start",
      LATENCY_BUCKETS,
    ),
    gcPauses: new HistogramFamily(
      "switchyard_collector_gc_pause_seconds",
      "Garbage collection pauses of the collector's process, by kind",
      "kind",
      [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    ),
    loopDelay: new Histogram(
      "switchyard_collector_event_loop_delay_seconds",
      "How late a 10 ms timer fired: how long the event loop was held up",
      [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
  };
  // A handle per route, method and status seen; a method is an HTTP token and holds no space.
  const requestHandles = new Map<string, CounterHandle>();
  const countRequest = (route: string, method: string, status: number) => {
    const id = `${status} ${method} ${route}`;
    let handle = requestHandles.get(id);
    if (!handle) {
      handle = m.requests.with({ route, method, status: String(status) });
      requestHandles.set(id, handle);
    }
    handle.inc();
  };
  // A request refused whole (as opposed to one item of a batch).
  const rejectRequest = (reason: RequestRejectReason) => m.rejected.inc({ reason, scope: "request" });
  return {
    ...m,
    countRequest,
    rejectRequest,
    render: () => Object.values(m).map((x) => x.render()).join("\n") + "\n",
  };
}
