// Small statistics for the benchmarks: median and 95th percentile.

/** The value below which `fraction` of the samples fall. */
export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(fraction * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** `median X ms, p95 Y ms` with three significant decimals. */
export function describeTimes(samples: number[]): string {
  const format = (value: number) => `${value.toFixed(3)} ms`;
  return `median ${format(percentile(samples, 0.5))}, p95 ${format(percentile(samples, 0.95))} (n=${samples.length})`;
}
