import { targetLevelsOf, type Level, type ProgressMark, type Track } from "@lectern/client";
import { useLecternClient, useLecternSession } from "@lectern/client/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { localStore } from "./storage";

/**
 * What the theme knows about the reader beyond the session: the level to read at on each track
 * (from the background), "show every level", and reading progress. One provider (LecternRoot, under
 * the theme's Root or Layout/Provider), so every level block, panel and tracker on a page shares one
 * profile and one progress request.
 */
export type ReaderLevels =
  /** Guests, crawlers, readers without a background, the server render: every block open. */
  { status: "everything" } | { status: "loading" } | { status: "levels"; levels: Record<Track, Level> };

type Continue = { url: string; title: string } | null;

type ReaderContextValue = {
  levels: ReaderLevels;
  showEveryLevel: boolean;
  setShowEveryLevel: (value: boolean) => void;
  /** Sections marked read: the server's for a reader, the browser's for a guest. */
  readUrls: ReadonlySet<string>;
  continueReading: Continue;
  markRead: (url: string) => void;
};

/**
 * What a component reads without any provider above it (a site whose own Root and Layout/Provider
 * replace the theme's, or a component test): a guest's view, every level block open, nothing read.
 */
const guestReader: ReaderContextValue = {
  levels: { status: "everything" },
  showEveryLevel: false,
  setShowEveryLevel: () => undefined,
  readUrls: new Set(),
  continueReading: null,
  markRead: () => undefined,
};

const ReaderContext = createContext<ReaderContextValue | null>(null);

const showEveryLevelKey = "lectern.showEveryLevel";
/** A guest's marks, kept until they sign in or sign up and then sent to Lectern. */
const guestProgressKey = "lectern.guestProgress";
/** Enough for a large book; the oldest marks go first. */
const maxGuestMarks = 1000;

type GuestMarks = Record<string, string>;

export function ReaderProvider({ children }: { children?: ReactNode }) {
  const client = useLecternClient();
  const session = useLecternSession();
  const readerId = session.status === "signed-in" ? session.session.reader.id : null;
  const [levels, setLevels] = useState<ReaderLevels>({ status: "everything" });
  const [showEveryLevel, setShowEveryLevelState] = useState(false);
  const [serverRead, setServerRead] = useState<Set<string>>(new Set());
  const [guestRead, setGuestRead] = useState<Set<string>>(new Set());
  const [continueReading, setContinue] = useState<Continue>(null);
  const pending = useRef<ProgressMark[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Browser storage is read after hydration, so the first render matches the static HTML.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setShowEveryLevelState(localStore.get(showEveryLevelKey, false));
    setGuestRead(new Set(Object.keys(localStore.get<GuestMarks>(guestProgressKey, {}))));
  }, []);

  const refreshProgress = useCallback(async () => {
    const progress = await client.progress();
    setServerRead(new Set(progress.sections.filter((section) => section.state === "read").map((section) => section.url)));
    setContinue(progress.continue);
  }, [client]);

  // A signed-in reader: their levels, then any marks made as a guest on this browser, then their progress.
  useEffect(() => {
    if (session.status === "loading") {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- follows the session, which settles in an effect too
      setLevels({ status: "loading" });
      return;
    }
    if (!readerId) {
      setLevels({ status: "everything" });
      setServerRead(new Set());
      setContinue(null);
      return;
    }
    let cancelled = false;
    setLevels({ status: "loading" });
    client
      .profile()
      .then((profile) => {
        if (!cancelled) setLevels(profile.background ? { status: "levels", levels: targetLevelsOf(profile.background) } : { status: "everything" });
      })
      .catch(() => !cancelled && setLevels({ status: "everything" }));
    (async () => {
      const guest = localStore.get<GuestMarks>(guestProgressKey, {});
      const marks = Object.entries(guest).map(([url, at]) => ({ url, state: "read" as const, at }));
      if (marks.length) {
        await client.saveProgress(marks);
        localStore.set(guestProgressKey, undefined);
        if (!cancelled) setGuestRead(new Set());
      }
      if (!cancelled) await refreshProgress();
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, readerId, session.status, refreshProgress]);

  const flush = useCallback(() => {
    flushTimer.current = null;
    const marks = pending.current.splice(0);
    if (!marks.length) return;
    client
      .saveProgress(marks)
      .then(() => refreshProgress())
      // Idempotent (the latest `at` wins): a failed batch is tried again with the next mark.
      .catch(() => pending.current.unshift(...marks));
  }, [client, refreshProgress]);

  const markRead = useCallback(
    (url: string) => {
      const at = new Date().toISOString();
      if (readerId) {
        setServerRead((read) => (read.has(url) ? read : new Set(read).add(url)));
        pending.current.push({ url, state: "read", at });
        flushTimer.current ??= setTimeout(flush, 500);
        return;
      }
      const guest = localStore.get<GuestMarks>(guestProgressKey, {});
      if (guest[url]) return;
      const kept = Object.entries({ ...guest, [url]: at })
        .sort(([, a], [, b]) => (a < b ? 1 : -1))
        .slice(0, maxGuestMarks);
      localStore.set(guestProgressKey, Object.fromEntries(kept));
      setGuestRead(new Set(kept.map(([kept]) => kept)));
    },
    [readerId, flush],
  );

  useEffect(
    () => () => {
      if (flushTimer.current) clearTimeout(flushTimer.current);
    },
    [],
  );

  const setShowEveryLevel = useCallback((value: boolean) => {
    localStore.set(showEveryLevelKey, value);
    setShowEveryLevelState(value);
  }, []);

  const value = useMemo(
    () => ({
      levels,
      showEveryLevel,
      setShowEveryLevel,
      readUrls: readerId ? serverRead : guestRead,
      continueReading,
      markRead,
    }),
    [levels, showEveryLevel, setShowEveryLevel, readerId, serverRead, guestRead, continueReading, markRead],
  );
  return <ReaderContext.Provider value={value}>{children}</ReaderContext.Provider>;
}

/** The reader's state; a guest's when nothing provides it (see LecternRoot, which every theme component has above it). */
export function useReader(): ReaderContextValue {
  return useContext(ReaderContext) ?? guestReader;
}

/** Whether a ReaderProvider is already above: LecternRoot then adds nothing. */
export function useHasReaderProvider(): boolean {
  return useContext(ReaderContext) !== null;
}
