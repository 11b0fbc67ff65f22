import { describe, expect, it } from "vitest";
import { changePasswordSchema } from "@/app/(account)/account/schema";
import { resetPasswordSchema } from "@/app/(auth)/reset-password/schema";
import { signUpFormSchema } from "@/app/(auth)/sign-up/schema";
import { commonPasswordAdvice, isCommonPassword, passwordSchema, signUpBodySchema } from "@/lib/contract";
import { sampleBackground } from "@/testing/accounts";
import { fieldErrorsFromZod } from "./form-errors";

describe("the common-password rule (NIST 800-63B)", () => {
  it.each(["password", "Password", "12345678", "iloveyou", "football", "qwertyuiop"])("refuses %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
    expect(passwordSchema.safeParse(password).success).toBe(false);
  });

  it("lets an uncommon password through", () => {
    expect(isCommonPassword("a sentence for a password")).toBe(false);
    expect(passwordSchema.safeParse("a sentence for a password").success).toBe(true);
  });

  it("holds for the REST contract's sign-up body", () => {
    expect(signUpBodySchema.safeParse({ email: "reader@example.org", password: "password", background: sampleBackground }).success).toBe(false);
  });

  it("is said in plain words on every form that takes a new password", () => {
    const signUp = signUpFormSchema.safeParse({ email: "reader@example.org", password: "password", background: sampleBackground });
    expect(fieldErrorsFromZod(signUp.error!).password).toBe(commonPasswordAdvice);
    const change = changePasswordSchema.safeParse({ currentPassword: "whatever", newPassword: "baseball", confirmPassword: "baseball" });
    expect(fieldErrorsFromZod(change.error!).newPassword).toBe(commonPasswordAdvice);
    const reset = resetPasswordSchema.safeParse({ token: "t", newPassword: "superman", confirmPassword: "superman" });
    expect(fieldErrorsFromZod(reset.error!).newPassword).toBe(commonPasswordAdvice);
  });
});
