"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format-date";

const rtf = typeof Intl !== "undefined" ? new Intl.RelativeTimeFormat("en", { numeric: "auto" }) : null;

function relative(iso: string, now: number): string {
  const diff = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(diff);
  const [v, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60 ? [diff, "second"] : abs < 3600 ? [diff / 60, "minute"] : abs < 86400 ? [diff / 3600, "hour"] : abs < 30 * 86400 ? [diff / 86400, "day"] : abs < 365 * 86400 ? [diff / (30 * 86400), "month"] : [diff / (365 * 86400), "year"];
  return rtf ? rtf.format(Math.round(v), unit) : new Date(iso).toLocaleString();
}

// One clock for every relative time on the page: read when the first one
// mounts, then once a minute, so "3 minutes ago" keeps up while the page is open.
const TICK_MS = 60_000;
let clock: number | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribeClock(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    clock = Date.now();
    timer = setInterval(() => {
      clock = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
      clock = null;
    }
  };
}
const readClock = () => clock;
const noClock = () => null;

/** "3 minutes ago", with the exact UTC time on hover. Renders the ISO date until mounted (no hydration mismatch). */
export function RelativeTime({ iso, empty = "Never" }: { iso: string | null; empty?: string }) {
  const now = useSyncExternalStore(subscribeClock, readClock, noClock);
  if (!iso) return <span className="text-secondary">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {now === null ? iso.slice(0, 10) : relative(iso, now)}
    </time>
  );
}
