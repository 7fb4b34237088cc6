/** Where a version is in its life: planned, in use, on its way out, or gone. */
export const LIFECYCLE_STATUSES = ['draft', 'released', 'deprecated', 'retired'] as const;

export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** What a registration gets unless told otherwise. */
export const DEFAULT_LIFECYCLE_STATUS: LifecycleStatus = 'released';

export function isLifecycleStatus(value: unknown): value is LifecycleStatus {
  return typeof value === 'string' && (LIFECYCLE_STATUSES as readonly string[]).includes(value);
}

/** Whether users should be warned off a version (and live traffic on it flagged). */
export function isWithdrawn(status: LifecycleStatus): boolean {
  return status === 'deprecated' || status === 'retired';
}
