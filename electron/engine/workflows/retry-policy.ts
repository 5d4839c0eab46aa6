import type { RetryPolicy } from '@shared/workflow/schema';

/**
 * The wait before retry number `retryIndex` (0 = the first retry): "full jitter" — uniform
 * between 0 and a ceiling that doubles each time (2, 4, 8, 16, 32 s by default) — but never
 * sooner than the service asked for with Retry-After.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retryIndex: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retryIndex, 40));
  const jittered = Math.round(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** The ceiling of each retry's wait, for explaining the policy to the operator. */
export function retryCeilingsMs(policy: RetryPolicy): number[] {
  return Array.from({ length: policy.maxRetries }, (_, i) =>
    Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** i),
  );
}
