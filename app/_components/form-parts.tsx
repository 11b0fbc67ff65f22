"use client";
import { useState, type InputHTMLAttributes, type ReactNode } from "react";

/** The id of a field's error message, for aria-describedby. */
export const errorId = (name: string) => `${name.replace(/\W/g, "-")}-error`;
const hintId = (name: string) => `${name.replace(/\W/g, "-")}-hint`;

export function FieldError({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="error" id={errorId(name)}>
      {message}
    </p>
  );
}

type TextFieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input whose hint and error are announced with it; a password field has a show/hide toggle. */
export function TextField({ name, label, hint, error, id, type, ...input }: TextFieldProps) {
  const inputId = id ?? name;
  const describedBy = [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
  const [shown, setShown] = useState(false);
  const field = (
    <input
      id={inputId}
      name={name}
      type={type === "password" && shown ? "text" : type}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      {...input}
    />
  );
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      {type === "password" ? (
        <div className="password-input">
          {field}
          {/* aria-pressed tells a screen reader the state; the label stays "Show password" (WCAG 2.5.3: name = visible text). */}
          <button type="button" className="secondary" aria-pressed={shown} aria-controls={inputId} onClick={() => setShown(!shown)}>
            {shown ? "Hide" : "Show"}
            <span className="visually-hidden"> password</span>
          </button>
        </div>
      ) : (
        field
      )}
      <FieldError name={name} message={error} />
    </div>
  );
}

/** A form-level message (failure or success), announced to screen readers when it appears. */
export function FormMessage({ kind, children }: { kind: "ok" | "bad"; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p className={`notice ${kind}`} role={kind === "bad" ? "alert" : "status"}>
      {children}
    </p>
  );
}

export function SubmitButton({ pending, children, className }: { pending: boolean; children: ReactNode; className?: string }) {
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending}>
      {pending ? "Please wait…" : children}
    </button>
  );
}
