// What a server value looks like after JSON: Dates become strings. Lets the client reuse the domain's return types
// (imported with `import type`, so no server code reaches the browser bundle).
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
