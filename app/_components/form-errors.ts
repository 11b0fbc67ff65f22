import type { z } from "zod";
import { breaksPasswordRule, commonPasswordAdvice, isTooCommonMessage, newPasswordAdvice } from "@/lib/contract";

/** Field path ("background.hardware_knowledge") → first message, for inline errors. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
    const key = path.map(String).join(".") || "form";
    errors[key] ??= messageFor(key, issue.message);
  }
  return errors;
}

/** next-safe-action's formatted validation errors (`{ field: { _errors: [] } }`) flattened the same way. */
export function fieldErrorsFromAction(validationErrors: unknown, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  if (!validationErrors || typeof validationErrors !== "object") return errors;
  for (const [key, value] of Object.entries(validationErrors as Record<string, unknown>)) {
    if (key === "_errors") {
      const first = (value as string[])[0];
      if (first) errors[prefix || "form"] = messageFor(prefix, first);
      continue;
    }
    Object.assign(errors, fieldErrorsFromAction(value, prefix ? `${prefix}.${key}` : key));
  }
  return errors;
}

const plainWords: Record<string, string> = {
  email: "Enter a valid email address, like name@example.org.",
  confirmPassword: "The two passwords are not the same.",
};

/**
 * Zod's messages are for developers; the form says what to do in plain words. A password field
 * is judged by the rule it broke: a new password's length rule, or an empty password to prove
 * who you are (sign-in, deleting the account), which has no length rule to tell.
 */
function messageFor(path: string, fallback: string): string {
  if (path.startsWith("background.")) return "Choose one answer.";
  if (path === "background") return "Answer the three questions.";
  if (breaksPasswordRule(fallback)) return newPasswordAdvice;
  if (isTooCommonMessage(fallback)) return commonPasswordAdvice;
  if (/password$/i.test(path) && path !== "confirmPassword") return "Enter your password.";
  return plainWords[path] ?? fallback;
}
