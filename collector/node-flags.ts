import { availableMemory } from "@/lib/system/available-memory";

// Node options for the collector process. Every launcher passes them on the command line (`npm start`, the
// benchmarks, the end-to-end suite): V8 reads them only at start, and NODE_OPTIONS refuses them.
//
// The collector's live heap is small (about 20 MB) and nearly all it allocates dies young; what V8 collects late
// sets the ingest p99 (docs/benchmarks.md):
// --initial-old-space-size: from so small a heap, V8 keeps starting full collections: under sustained batch load, a
//   mark-compact about every 200 ms, each pausing requests for several ms. With this setting the old generation may
//   grow to 128 MB first, and they come about five times less often.
// --max-semi-space-size: a larger young generation (64 MB instead of 16) is scavenged less often, so less of what
//   waits on a commit is promoted and full collections are rarer. In an open-loop batch run at half of peak, the
//   p99.9 fell from 21-24 ms to 10-16 ms, for about 75 MB more memory at full load.
const LARGER_HEAPS = ["--initial-old-space-size=128", "--max-semi-space-size=64"];

// With less memory than this, V8 sizes the heaps itself, from the machine's or the container's limit. With the
// larger heaps under full batch load, a collector in a 256 MB container was killed for memory; in a 384 MB one, the
// container's use peaked at 266 MB.
const MIN_MEMORY_FOR_LARGER_HEAPS = 1024 ** 3;

export function collectorNodeFlags(memoryBytes = availableMemory()): string[] {
  return memoryBytes >= MIN_MEMORY_FOR_LARGER_HEAPS ? LARGER_HEAPS : [];
}
