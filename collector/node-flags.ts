// Node options for the collector process. Every launcher passes them on the command line (`npm start`, the
// benchmarks, the end-to-end suite): V8 reads them only at start, and NODE_OPTIONS refuses them.
//
// --initial-old-space-size: the collector's live heap is small (about 20 MB) and nearly all it allocates dies young.
// From so small a heap, V8 keeps starting full collections: under sustained batch load, a mark-compact about every
// 200 ms, each pausing requests for several ms, which set the ingest p99 (docs/benchmarks.md). With this setting
// the old generation may grow to 128 MB first, and they come about five times less often.
export const COLLECTOR_NODE_FLAGS = ["--initial-old-space-size=128"];
