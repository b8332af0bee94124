// The registries are the only lists of event types and roles: these tests
// fail when a service writes a type the event registry lacks, when the
// registry claims the node writes a type no service writes, and when a role
// is missing something a screen needs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  eventColor,
  eventFilterOptions,
  eventSummary,
  eventTypeSchema,
  noActorLabel,
  PLANNED_EVENT_TYPES,
  WRITTEN_EVENT_TYPES,
} from "@/lib/activity-events";
import { onlyMark, openSections, sectionOf, SECTIONS, sectionsFor } from "@/lib/console-sections";
import { can, DEFAULT_ROLE, isRole, permissionsOf, ROLE_NAMES, roleList, ROLES } from "@/lib/roles";
import { createUserSchema, roleSchema } from "@/lib/schemas/user";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" ? [] : sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every `eventType: "..."` the server code writes. */
function writtenTypes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(path.join(process.cwd(), "lib", "server"))) {
    for (const m of readFileSync(file, "utf8").matchAll(/eventType:\s*"([^"]+)"/g)) found.set(m[1], path.relative(process.cwd(), file));
  }
  return found;
}

describe("event type registry", () => {
  const written = writtenTypes();

  it("knows every event type a service writes", () => {
    expect(written.size).toBeGreaterThan(10);
    const unknown = [...written].filter(([t]) => !EVENT_TYPE_NAMES.includes(t as never)).map(([t, file]) => `${t} (${file})`);
    expect(unknown).toEqual([]);
  });

  it("offers as written exactly the types the services write; the guide's planned ones are written by nobody", () => {
    expect([...WRITTEN_EVENT_TYPES].sort()).toEqual([...written.keys()].sort());
    for (const t of PLANNED_EVENT_TYPES) expect(written.has(t)).toBe(false);
  });

  it("gives every type a label, a colour and a resource; written ones a summary", () => {
    for (const t of EVENT_TYPE_NAMES) {
      const d = EVENT_TYPES[t];
      expect({ t, label: d.label.length > 0, resource: ["user", "event", "apikey"].includes(d.resource) }).toEqual({ t, label: true, resource: true });
      expect(eventColor(t)).not.toBe("secondary");
    }
    for (const t of WRITTEN_EVENT_TYPES) expect(eventSummary(t, {})).toEqual(expect.any(String));
    expect(eventColor("user.something_new")).toBe("secondary");
    expect(eventSummary("user.something_new", {})).toBeNull();
  });

  it("the filter offers every written type (password events included) and planned ones only with rows", () => {
    const values = eventFilterOptions().map((o) => o.value);
    expect(values).toEqual(WRITTEN_EVENT_TYPES);
    expect(values).toEqual(expect.arrayContaining(["user.password_reset_requested", "user.password_changed"]));
    expect(values.slice(0, 2)).toEqual(["user.login", "user.login_failed"]); // the guide's two first
    expect(eventFilterOptions(["event.created"]).map((o) => o.value)).toEqual([...WRITTEN_EVENT_TYPES, "event.created"]);
    expect(eventFilterOptions().find((o) => o.value === "user.password_changed")?.label).toBe("Password Changed");
  });

  it("summarises the password events instead of showing their JSON", () => {
    expect(eventSummary("user.password_reset_requested", { username: "jane" })).toBe('Password reset requested for "jane"');
    expect(eventSummary("user.password_changed", { username: "jane", via: "password reset" })).toBe("Changed password (password reset)");
    expect(noActorLabel("user.password_reset_requested")).toBe("anonymous");
    expect(noActorLabel("user.created")).toBe("system");
  });

  it("the zod enum is the registry", () => {
    expect(eventTypeSchema.options).toEqual(EVENT_TYPE_NAMES);
    expect(eventTypeSchema.safeParse("user.teleported").success).toBe(false);
  });
});

describe("role registry", () => {
  it("every role has what the pickers, badges, email and authorization need", () => {
    for (const r of ROLE_NAMES) {
      const d = ROLES[r];
      expect(d.label).toMatch(/^[A-Z]/);
      expect(d.badge).toMatch(/^bg-/);
      expect(d.hint.length).toBeGreaterThan(0);
      expect(d.permissions.length).toBeGreaterThan(0);
      expect(permissionsOf(r)).toContain("dashboard:read");
    }
    expect(isRole(DEFAULT_ROLE)).toBe(true);
  });

  it("the zod schema, its message and the default come from it", () => {
    expect(roleSchema.options).toEqual(ROLE_NAMES);
    // Every role in the registry's order, as a sentence ("admin, editor or viewer"), and the schema says it.
    const list = roleList();
    expect(list.split(/, | or /)).toEqual(ROLE_NAMES);
    expect(list).toMatch(new RegExp(`^[a-z]+(, [a-z]+)* or ${ROLE_NAMES[ROLE_NAMES.length - 1]}$`));
    expect(roleSchema.safeParse("owner").error?.issues[0].message).toBe(`Role must be ${list}`);
    expect(createUserSchema.parse({ username: "jane", email: "j@x.org" }).role).toBe(DEFAULT_ROLE);
  });

  it("an unknown role (a stale cookie claim) may do nothing", () => {
    expect(can("owner", "dashboard:read")).toBe(false);
    expect(can("__proto__", "dashboard:read")).toBe(false);
  });

  it("the console sections proxy.ts guards and the shell lists ask the registry", () => {
    expect(sectionOf("/admin/users/01HQXYZ123456789ABCDEFGHJK")?.permission).toBe("users:read");
    expect(sectionOf("/admin/activity")?.permission).toBe("activity:read");
    expect(sectionOf("/admin")?.permission).toBe("dashboard:read");
    expect(sectionOf("/admin/account")?.permission).toBe("account:manage");
    expect(sectionOf("/admin/api-docs")?.permission).toBe("api:docs");
    expect(sectionOf("/admin/forbidden")).toBeUndefined();
    expect(sectionOf("/admin/users-export")).toBeUndefined();
    const visible = (role: string) => sectionsFor(role, "nav").map((s) => s.label);
    expect(visible("admin")).toEqual(["Dashboard", "Users", "Activity", "API"]);
    expect(visible("editor")).toEqual(["Dashboard"]);
    expect(visible("viewer")).toEqual(["Dashboard"]);
    // Every role reaches its own account from the user menu.
    for (const role of ["admin", "editor", "viewer"]) expect(sectionsFor(role, "user-menu").map((s) => s.href)).toEqual(["/admin/account"]);
    expect(SECTIONS.every((s) => sectionOf(s.href) === s)).toBe(true);
  });

  it("the welcome lists the sections a role opens, marked as the guide marks them", () => {
    expect(openSections("admin").map((s) => [s.label, onlyMark(s.permission)])).toEqual([
      ["Dashboard", null],
      ["Users", "[Admin only]"],
      ["Activity", "[Admin only]"],
      ["API", "[Admin only]"],
      ["My account", null],
    ]);
    expect(openSections("viewer").map((s) => s.label)).toEqual(["Dashboard", "My account"]);
    expect(onlyMark("users:write")).toBe("[Admin only]");
  });
});
