import { callJson } from "@/testing/accounts";

export const beginner = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
export const expert = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" } as const;

/** Signs a new reader up on `base` and returns the session token. */
export async function signUp(base: string, email: string, background: Record<string, string> = beginner): Promise<{ token: string; userId: string }> {
  const answer = await callJson(base, "/api/v1/auth/signup", { body: { email, password: "instances password 1", background } });
  if (answer.status !== 201) throw new Error(`sign-up on ${base}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { token: answer.body.session_token, userId: answer.body.user_id };
}
