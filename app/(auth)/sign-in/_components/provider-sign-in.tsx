"use client";
import { FormMessage } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import type { SocialProvider } from "@/lib/auth";
import { socialSignInAction } from "../_actions/sign-in";
import { socialSignInSchema } from "../schema";

const names: Record<SocialProvider, string> = { github: "GitHub", google: "Google" };

/** GitHub and Google buttons, for the providers this server is configured for (none by default). */
export function SocialSignIn({ providers, returnTo }: { providers: SocialProvider[]; returnTo?: string }) {
  const { formError, pending, submit, formRef } = useFormAction(socialSignInSchema, socialSignInAction);
  if (providers.length === 0) return null;
  return (
    <form ref={formRef} onSubmit={(event) => event.preventDefault()} aria-label="Other ways to sign in">
      <div className="row">
        {providers.map((provider) => (
          <button
            key={provider}
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => submit({ provider, returnTo }, ({ redirectTo }) => window.location.assign(redirectTo))}
          >
            Continue with {names[provider]}
          </button>
        ))}
      </div>
      <FormMessage kind="bad">{formError}</FormMessage>
    </form>
  );
}
