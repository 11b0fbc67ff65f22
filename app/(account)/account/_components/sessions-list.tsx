"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form-parts";
import { revokeSessionAction } from "../_actions/account";
import { LastActive } from "./last-active";

export type SessionRow = { id: string; current: boolean; device: string; ipAddress: string | null; /** ISO time */ lastActive: string };

export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const [error, setError] = useState<string>();
  const [pendingId, setPendingId] = useState<string>();
  const [, startTransition] = useTransition();

  function revoke(sessionId: string) {
    setPendingId(sessionId);
    startTransition(async () => {
      const result = await revokeSessionAction({ sessionId });
      setError(result?.serverError?.message);
      setPendingId(undefined);
    });
  }

  return (
    <>
      <ul className="sessions">
        {sessions.map((session) => (
          <li key={session.id}>
            <div>
              <strong>{session.device}</strong>
              {session.current ? <span className="badge">This device</span> : null}
              <small>
                {/* This device is the one reading the page: active now, whatever the stored time says. */}
                {session.current ? (
                  "Active now"
                ) : (
                  <>
                    Last active <LastActive iso={session.lastActive} />
                  </>
                )}
                {session.ipAddress ? ` · ${session.ipAddress}` : ""}
              </small>
            </div>
            {session.current ? null : (
              <button type="button" className="secondary" onClick={() => revoke(session.id)} disabled={pendingId === session.id}>
                {/* The accessible name starts with the visible words (WCAG 2.5.3) and says which session. */}
                {pendingId === session.id ? "Ending…" : "End session"}
                <span className="visually-hidden"> on {session.device}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormMessage kind="bad">{error}</FormMessage>
    </>
  );
}
