import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { LecternClient } from "./client";
import { LecternError } from "./errors";
import type { LecternSession, Personalized } from "./types";

/**
 * React bindings for the Lectern client (react is a peer; nothing Next- or Docusaurus-specific).
 * Everything here starts in a "loading" state and fetches in effects, so server-rendered pages
 * ship their static content untouched and Lectern is only asked once the page is in the browser.
 */
export type SessionState =
  | { status: "loading" }
  | { status: "signed-in"; session: LecternSession }
  | { status: "guest" }
  /** Lectern could not say (down, timed out): treat the reader as a guest, quietly. */
  | { status: "unavailable"; error: LecternError };

type LecternContextValue = {
  client: LecternClient;
  session: SessionState;
  /** Bumped whenever the reader's state may have changed elsewhere, so answers are fetched again. */
  generation: number;
  refreshSession: () => void;
  signOut: () => Promise<boolean>;
};

const LecternContext = createContext<LecternContextValue | null>(null);

function asLecternError(error: unknown): LecternError {
  return error instanceof LecternError ? error : new LecternError("UNREACHABLE", String(error));
}

/** Holds the client and the reader's session for everything below it (one session request per page load). */
export function LecternProvider({ client, children }: { client: LecternClient; children?: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client
      .session({ signal: controller.signal })
      .then((found) => setSession(found ? { status: "signed-in", session: found } : { status: "guest" }))
      .catch((error: unknown) => {
        const failure = asLecternError(error);
        if (failure.code !== "ABORTED") setSession({ status: "unavailable", error: failure });
      });
    return () => controller.abort();
  }, [client, generation]);

  const refreshSession = useCallback(() => setGeneration((value) => value + 1), []);

  // Coming back with the Back button restores the page from the back/forward cache, as it was
  // before the reader signed in or changed their background on Lectern: ask again.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) refreshSession();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, [refreshSession]);

  /** Resolves true once Lectern ended the session; on failure the session is read again, so the page shows the truth. */
  const signOut = useCallback(async (): Promise<boolean> => {
    try {
      await client.signOut();
      setSession({ status: "guest" });
      return true;
    } catch {
      refreshSession();
      return false;
    }
  }, [client, refreshSession]);

  const value = useMemo(() => ({ client, session, generation, refreshSession, signOut }), [client, session, generation, refreshSession, signOut]);
  return createElement(LecternContext.Provider, { value }, children);
}

function useLecternContext(): LecternContextValue {
  const value = useContext(LecternContext);
  if (!value) {
    throw new Error(
      "Lectern hooks need a <LecternProvider> above them. In a Docusaurus book, wrap the component in <LecternRoot> from " +
        '"@lectern/theme" (docusaurus-theme-lectern adds one in its Root and Layout/Provider, and around each of its components).',
    );
  }
  return value;
}

export function useLecternClient(): LecternClient {
  return useLecternContext().client;
}

/** The reader's session state, plus `refresh` and `signOut`. */
export function useLecternSession() {
  const { session, refreshSession, signOut } = useLecternContext();
  return { ...session, refresh: refreshSession, signOut };
}

export type PersonalizedState = { status: "loading" } | { status: "ready"; data: Personalized } | { status: "error"; error: LecternError };

/**
 * Personalized results for a query. Waits for the session to settle (so a reader never sees guest
 * results flash before theirs), fails at once when Lectern could not answer for the session, and
 * fetches again when the reader or the query changes.
 */
export function usePersonalized(query: { q?: string; chapter?: string; limit?: number; current?: string; enabled?: boolean }): PersonalizedState {
  const { client, session, generation } = useLecternContext();
  const reader = session.status === "signed-in" ? session.session.reader.id : session.status;
  const { q, chapter, limit, current, enabled = true } = query;
  // Answers are kept with the request they answer, so a stale one never shows for a new query.
  const key = JSON.stringify([reader, generation, q ?? "", chapter ?? "", limit ?? null, current ?? ""]);
  const [settled, setSettled] = useState<{ key: string; state: PersonalizedState } | null>(null);

  useEffect(() => {
    if (!enabled || reader === "loading" || reader === "unavailable") return;
    const controller = new AbortController();
    client
      .personalize({ q, chapter, limit, current, signal: controller.signal })
      .then((data) => setSettled({ key, state: { status: "ready", data } }))
      .catch((error: unknown) => {
        const failure = asLecternError(error);
        if (failure.code !== "ABORTED") setSettled({ key, state: { status: "error", error: failure } });
      });
    return () => controller.abort();
  }, [client, key, reader, q, chapter, limit, current, enabled]);

  // Lectern just failed to answer for the session: say so now rather than wait out a second timeout.
  if (session.status === "unavailable") return { status: "error", error: session.error };
  return settled?.key === key ? settled.state : { status: "loading" };
}
