import type { Locator, Page } from "@playwright/test";
import { pressShortcut } from "../support/keyboard";

/** The Users screen (/admin/users): filters, the table, its row actions and their dialogs. */
export class UsersPage {
  readonly heading: Locator;
  readonly createButton: Locator;
  readonly statusFilter: Locator;
  readonly roleFilter: Locator;
  readonly searchBox: Locator;
  readonly clearFiltersButton: Locator;
  readonly rows: Locator;
  readonly total: Locator;
  readonly nextButton: Locator;
  readonly previousButton: Locator;
  readonly createDialog: Locator;
  readonly editDialog: Locator;
  readonly deactivateDialog: Locator;
  readonly deleteDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Users", exact: true });
    this.createButton = page.getByRole("button", { name: "Create User" }).first();
    this.statusFilter = page.getByLabel("Status");
    this.roleFilter = page.getByLabel("Role");
    this.searchBox = page.getByLabel("Search");
    this.clearFiltersButton = page.getByRole("button", { name: "Clear filters" });
    this.rows = page.getByTestId("user-row");
    this.total = page.getByTestId("users-total");
    this.nextButton = page.getByRole("button", { name: "Next" });
    this.previousButton = page.getByRole("button", { name: "Previous" });
    this.createDialog = page.getByRole("dialog", { name: "Create New User" });
    this.editDialog = page.getByRole("dialog", { name: "Edit User" });
    this.deactivateDialog = page.getByRole("dialog", { name: "Deactivate User?" });
    this.deleteDialog = page.getByRole("dialog", { name: "Delete User?" });
  }

  /** Opens the list, searched for `search` when given. */
  async goto(search?: string) {
    return this.page.goto(search === undefined ? "/admin/users" : `/admin/users?search=${search}`);
  }

  /** The row whose username link is exactly `username`. */
  row(username: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name: username, exact: true }) });
  }

  /** A row's own button, named "<label> <username>" ("Deactivate ann", "Resend Invitation to ann"). */
  rowButton(username: string, label: string, { exact = false } = {}): Locator {
    return this.row(username).getByRole("button", { name: `${label} ${username}`, exact });
  }

  /** The row's "More actions" menu button. */
  moreActions(username: string): Locator {
    return this.row(username).getByRole("button", { name: `More actions for ${username}` });
  }

  /** Opens the Create New User dialog with its button or with Ctrl+N. */
  async openCreateUser(via: "button" | "shortcut" = "button"): Promise<Locator> {
    if (via === "shortcut") await pressShortcut(this.page, "Control+n");
    else await this.createButton.click();
    return this.createDialog;
  }

  async openEdit(username: string): Promise<Locator> {
    await this.rowButton(username, "Edit", { exact: true }).click();
    return this.editDialog;
  }

  async openDeactivate(username: string): Promise<Locator> {
    await this.rowButton(username, "Deactivate").click();
    return this.deactivateDialog;
  }

  async openDelete(username: string): Promise<Locator> {
    await this.rowButton(username, "Delete").click();
    return this.deleteDialog;
  }

  async filterByStatus(status: string) {
    await this.statusFilter.selectOption(status);
  }

  async filterByRole(role: string) {
    await this.roleFilter.selectOption(role);
  }

  /** Types into the search box (the list follows after a pause). */
  async search(text: string) {
    await this.searchBox.fill(text);
  }

  /** "/": focus the search box. */
  async focusSearch() {
    await pressShortcut(this.page, "/");
  }

  /** Follows a row's username link to the user's detail page. */
  async openRow(username: string) {
    await this.page.getByRole("link", { name: username, exact: true }).click();
  }
}
