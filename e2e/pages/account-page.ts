import type { Locator, Page } from "@playwright/test";

/** The My account screen (/admin/account): profile, change password, sessions and own activity. */
export class AccountPage {
  readonly heading: Locator;
  readonly profile: Locator;
  readonly sessionRows: Locator;
  /** Every session but this one. */
  readonly otherSessions: Locator;
  readonly signOutEverywhereElseButton: Locator;
  readonly endSessionDialog: Locator;
  readonly endOthersDialog: Locator;
  readonly passwordForm: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly changePasswordButton: Locator;
  readonly currentPasswordError: Locator;
  readonly newPasswordError: Locator;
  readonly strengthReason: Locator;
  readonly activityTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "My account" });
    this.profile = page.getByTestId("account-profile");
    this.sessionRows = page.getByTestId("session-row");
    this.otherSessions = this.sessionRows.filter({ hasNot: page.getByText("This session") });
    this.signOutEverywhereElseButton = page.getByRole("button", { name: "Sign out everywhere else" });
    this.endSessionDialog = page.getByTestId("end-session-modal");
    this.endOthersDialog = page.getByTestId("end-others-modal");
    this.passwordForm = page.getByTestId("change-password");
    this.currentPassword = this.passwordForm.getByLabel("Current password");
    this.newPassword = this.passwordForm.getByLabel("New password", { exact: true });
    this.confirmPassword = this.passwordForm.getByLabel("Confirm new password");
    this.changePasswordButton = this.passwordForm.getByRole("button", { name: "Change password" });
    this.currentPasswordError = this.passwordForm.locator("#cp-current-error");
    this.newPasswordError = this.passwordForm.locator("#cp-password-error");
    this.strengthReason = this.passwordForm.getByTestId("strength-reason");
    this.activityTable = page.getByTestId("account-activity-table");
  }

  async goto() {
    return this.page.goto("/admin/account");
  }

  /** Opens My account from the user menu. */
  async openFromUserMenu() {
    await this.page.getByTestId("user-menu").click();
    await this.page.getByRole("menuitem", { name: "My account" }).click();
  }

  /** One line of the new password's live checklist ("length", "common", ...). */
  passwordRule(id: string): Locator {
    return this.passwordForm.locator(`[data-rule="${id}"]`);
  }

  /** The own-activity rows of one event type. */
  activityOf(eventType: string): Locator {
    return this.activityTable.locator(`[data-event-type="${eventType}"]`);
  }

  /** Fills the fields given (others keep what they hold) and submits the form. */
  async changePassword(fields: { current?: string; next?: string; confirm?: string }) {
    if (fields.current !== undefined) await this.currentPassword.fill(fields.current);
    if (fields.next !== undefined) await this.newPassword.fill(fields.next);
    if (fields.confirm !== undefined) await this.confirmPassword.fill(fields.confirm);
    await this.changePasswordButton.click();
  }

  /** Asks to sign out the session of `row`; returns its confirmation dialog. */
  async signOutSession(row: Locator): Promise<Locator> {
    await row.getByRole("button", { name: /^Sign out / }).click();
    return this.endSessionDialog;
  }

  /** Asks to sign out every other session; returns its confirmation dialog. */
  async signOutEverywhereElse(): Promise<Locator> {
    await this.signOutEverywhereElseButton.click();
    return this.endOthersDialog;
  }
}
