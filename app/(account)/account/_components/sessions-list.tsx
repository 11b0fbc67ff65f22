"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form-parts";
import { revokeSessionAction } from "../_actions/account";

export type SessionRow = { id: string; current: boolean; device: string; ipAddress: string | null; lastActive: string };

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
                Last active {session.lastActive}
                {session.ipAddress ? ` · ${session.ipAddress}` : ""}
              </small>
            </div>
            {session.current ? null : (
              <button
                type="button"
                className="secondary"
                onClick={() => revoke(session.id)}
                disabled={pendingId === session.id}
                aria-label={`End the session on ${session.device}, last active ${session.lastActive}`}
              >
                {pendingId === session.id ? "Ending…" : "End session"}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormMessage kind="bad">{error}</FormMessage>
    </>
  );
}
