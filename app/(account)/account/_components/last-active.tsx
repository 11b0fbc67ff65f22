"use client";
import { useEffect, useState } from "react";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 5],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago", "yesterday": how long since, in the reader's words. */
export function timeAgo(then: Date, now: Date): string {
  let amount = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(amount) < 45) return "just now";
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(amount, unit);
    amount = Math.round(amount / size);
  }
  return relative.format(amount, "year");
}

/**
 * When a session was last active, relative and in the reader's own time zone (the title holds the
 * full local time). The server renders nothing time-zoned: the browser knows the zone, not Lectern.
 */
export function LastActive({ iso }: { iso: string }) {
  const [text, setText] = useState<{ ago: string; local: string }>();
  useEffect(() => {
    const then = new Date(iso);
    const show = () => setText({ ago: timeAgo(then, new Date()), local: then.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) });
    show();
    const timer = setInterval(show, 30_000);
    return () => clearInterval(timer);
  }, [iso]);
  return (
    <time dateTime={iso} title={text?.local}>
      {text?.ago ?? "recently"}
    </time>
  );
}
