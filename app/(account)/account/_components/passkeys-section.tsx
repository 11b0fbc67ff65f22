"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { addPasskey } from "@/app/_components/passkey-ceremonies";
import { removePasskeyAction, renamePasskeyAction } from "../_actions/account";
import { renamePasskeySchema } from "../schema";
import { LastActive } from "./last-active";

export type PasskeyRow = {
  id: string;
  name: string | null;
  /** ISO time */
  createdAt: string;
  /** `multiDevice`: synced by a password manager or the platform; `singleDevice`: this one key only. */
  deviceType: string;
  backedUp: boolean;
  authenticator: string | null;
};

function kindOf(passkey: PasskeyRow): string {
  const kind =
    passkey.deviceType === "multiDevice" ? (passkey.backedUp ? "Synced across your devices" : "Can sync across devices") : "On one device or key only";
  return passkey.authenticator ? `${passkey.authenticator} · ${kind}` : kind;
}

/** The reader's passkeys on /account: add one (the browser's WebAuthn prompt), rename, remove. */
export function PasskeysSection({ passkeys }: { passkeys: PasskeyRow[] }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [message, setMessage] = useState<{ kind: "ok" | "bad"; text: string }>();
  const [renaming, setRenaming] = useState<string>();
  const [pendingId, setPendingId] = useState<string>();
  const [, startTransition] = useTransition();

  async function onAdd(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = renamePasskeySchema.shape.name.safeParse(String(new FormData(form).get("passkeyName") ?? ""));
    setNameError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    if (!parsed.success) return;
    setAdding(true);
    setMessage(undefined);
    const result = await addPasskey(parsed.data);
    setAdding(false);
    if (!result.ok) {
      setMessage({ kind: "bad", text: result.message });
      return;
    }
    form.reset();
    setMessage({ kind: "ok", text: `Passkey “${parsed.data}” added. Next time, choose “Sign in with a passkey” on the sign-in page.` });
    router.refresh();
  }

  function remove(passkey: PasskeyRow) {
    setPendingId(passkey.id);
    startTransition(async () => {
      const result = await removePasskeyAction({ passkeyId: passkey.id });
      setMessage(
        result?.serverError ? { kind: "bad", text: result.serverError.message } : { kind: "ok", text: `Passkey “${passkey.name ?? "Passkey"}” removed.` },
      );
      setPendingId(undefined);
    });
  }

  function rename(event: React.FormEvent<HTMLFormElement>, passkey: PasskeyRow) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("newName") ?? "");
    const parsed = renamePasskeySchema.safeParse({ passkeyId: passkey.id, name });
    if (!parsed.success) {
      setMessage({ kind: "bad", text: parsed.error.issues[0]?.message ?? "Give the passkey a name." });
      return;
    }
    setPendingId(passkey.id);
    startTransition(async () => {
      const result = await renamePasskeyAction(parsed.data);
      setMessage(result?.serverError ? { kind: "bad", text: result.serverError.message } : { kind: "ok", text: "Passkey renamed." });
      if (!result?.serverError) setRenaming(undefined);
      setPendingId(undefined);
    });
  }

  return (
    <>
      {passkeys.length === 0 ? (
        <p className="hint">No passkeys yet.</p>
      ) : (
        <ul className="sessions" aria-label="Your passkeys">
          {passkeys.map((passkey) => {
            const label = passkey.name ?? "Passkey";
            return (
              <li key={passkey.id}>
                {renaming === passkey.id ? (
                  <form onSubmit={(event) => rename(event, passkey)} className="row">
                    <TextField name="newName" label={`New name for ${label}`} defaultValue={passkey.name ?? ""} autoComplete="off" required />
                    <SubmitButton pending={pendingId === passkey.id}>Save name</SubmitButton>
                    <button type="button" className="secondary" onClick={() => setRenaming(undefined)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <>
                    <div>
                      <strong>{label}</strong>
                      <small>
                        Added <LastActive iso={passkey.createdAt} /> · {kindOf(passkey)}
                      </small>
                    </div>
                    <div className="row">
                      <button type="button" className="secondary" onClick={() => setRenaming(passkey.id)}>
                        Rename<span className="visually-hidden"> {label}</span>
                      </button>
                      <button type="button" className="secondary" onClick={() => remove(passkey)} disabled={pendingId === passkey.id}>
                        {pendingId === passkey.id ? "Removing…" : "Remove"}
                        <span className="visually-hidden"> {label}</span>
                      </button>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={onAdd} noValidate>
        <TextField
          name="passkeyName"
          label="Name for a new passkey"
          hint="So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”."
          autoComplete="off"
          maxLength={60}
          required
          error={nameError}
        />
        <SubmitButton pending={adding}>Add a passkey</SubmitButton>
      </form>
      {message ? <FormMessage kind={message.kind}>{message.text}</FormMessage> : null}
    </>
  );
}
