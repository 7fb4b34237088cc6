import type { CSSProperties } from 'react';

/** A grey placeholder block shown while a page loads. */
export function Skeleton({ width = '100%', height = 14, style }: { width?: number | string; height?: number; style?: CSSProperties }) {
  return <div className="skeleton" style={{ width, height, ...style }} />;
}
