import { describe, expect, it } from "vitest";
import { changePasswordSchema, deleteAccountSchema } from "@/app/(account)/account/schema";
import { signInFormSchema } from "@/app/(auth)/sign-in/schema";
import { signUpFormSchema } from "@/app/(auth)/sign-up/schema";
import { fieldErrorsFromZod } from "./form-errors";

const background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrorsFromZod>[0] }) => fieldErrorsFromZod(result.error!);

describe("form errors in plain words", () => {
  it("asks for the password on sign-in, without the new-password length rule", () => {
    const errors = errorsOf(signInFormSchema.safeParse({ email: "reader@example.org", password: "" }));
    expect(errors.password).toBe("Enter your password.");
  });

  it("states the length rule for a new password that is too short or too long", () => {
    for (const password of ["short", "x".repeat(129)]) {
      const errors = errorsOf(signUpFormSchema.safeParse({ email: "reader@example.org", password, background }));
      expect(errors.password).toBe("Use 8 to 128 characters.");
    }
    const changed = errorsOf(changePasswordSchema.safeParse({ currentPassword: "", newPassword: "short", confirmPassword: "short" }));
    expect(changed).toMatchObject({ currentPassword: "Enter your password.", newPassword: "Use 8 to 128 characters." });
  });

  it("asks for the password before deleting the account", () => {
    expect(errorsOf(deleteAccountSchema.safeParse({ password: "" })).password).toBe("Enter your password.");
  });
});
