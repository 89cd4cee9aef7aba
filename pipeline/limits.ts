// Segment's tracking API limits, plus the nesting cap Switchyard adds.
export const LIMITS = {
  maxEventBytes: 32 * 1024,
  maxRequestBytes: 500 * 1024,
  maxBatchItems: 2_500,
  // messageId must be shorter than this.
  maxMessageIdLength: 100,
  maxDepth: 32,
} as const;
