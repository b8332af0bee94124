import type { Download, Locator, Page } from "@playwright/test";
import { pressShortcut } from "../support/keyboard";

/** The Activity Log screen (/admin/activity): filters, the table, paging and the CSV export. */
export class ActivityPage {
  readonly navLink: Locator;
  readonly card: Locator;
  readonly exportButton: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly eventTypeFilter: Locator;
  readonly userFilter: Locator;
  readonly startDate: Locator;
  readonly endDate: Locator;
  readonly nextLink: Locator;
  readonly previousLink: Locator;
  readonly clearFiltersButton: Locator;
  readonly error: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole("link", { name: "Activity", exact: true });
    this.card = page.locator(".card", { has: page.getByRole("heading", { name: "Activity Log" }) });
    this.exportButton = this.card.getByRole("button", { name: "Export CSV" });
    this.table = page.getByTestId("activity-table");
    this.rows = this.table.locator("tbody tr");
    this.eventTypeFilter = page.getByLabel("Event type");
    this.userFilter = page.getByLabel("User", { exact: true });
    this.startDate = page.getByLabel("Start date");
    this.endDate = page.getByLabel("End date");
    this.nextLink = page.getByRole("link", { name: "Next" });
    this.previousLink = page.getByRole("link", { name: "Previous" });
    this.clearFiltersButton = page.getByRole("button", { name: "Clear filters" });
    this.error = page.locator(".alert-danger[role=alert]");
    this.empty = page.getByTestId("activity-empty");
  }

  async goto() {
    return this.page.goto("/admin/activity");
  }

  /** Opens the log from the console's navigation. */
  async openFromNav() {
    await this.navLink.click();
  }

  /** Picks an event type by its label in the filter ("Failed Logins"). */
  async filterByEventType(label: string) {
    await this.eventTypeFilter.selectOption({ label });
  }

  /** The User filter's matches while one types. */
  get userMatches(): Locator {
    return this.page.getByRole("listbox", { name: "Matching users" }).getByRole("option");
  }

  /** Picks a user in the User filter: types the username and clicks its match. */
  async filterByUser(username: string) {
    await this.userFilter.fill(username);
    await this.userMatches.filter({ hasText: username }).first().click();
  }

  async setStartDate(isoDate: string) {
    await this.startDate.fill(isoDate);
  }

  async setEndDate(isoDate: string) {
    await this.endDate.fill(isoDate);
  }

  /** Exports the filtered view with the button or with Ctrl+E, and returns the download. */
  async exportCsv(via: "button" | "shortcut" = "button"): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), via === "button" ? this.exportButton.click() : pressShortcut(this.page, "Control+e")]);
    return download;
  }
}
