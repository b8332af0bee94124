// The event registry at the database: recordActivity writes only registered
// types (with the registry's resource type), and the filter offers the
// guide's planned types only once rows of them exist.
import { WRITTEN_EVENT_TYPES, type EventType } from "@/lib/activity-events";
import { recordActivity } from "@/lib/server/activity/record";
import { activityFilterOptions } from "@/lib/server/activity/filter-options";
import { db } from "@/lib/server/db";
import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";
import { insertLogs } from "./activity-support";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("recordActivity", () => {
  it("stamps the registry's resource type", async () => {
    const { user, ctx } = await adminCtx();
    await db().$transaction((tx) => recordActivity(tx, ctx, { eventType: "user.deactivated", resourceId: user.id, details: { username: "x" } }));
    expect(await db().activityLog.findFirstOrThrow()).toMatchObject({ eventType: "user.deactivated", resourceType: "user", resourceId: user.id, actorId: user.id });
  });

  it("refuses a type the registry lacks, and the transaction writes nothing", async () => {
    const { ctx } = await adminCtx();
    const write = db().$transaction(async (tx) => {
      await recordActivity(tx, ctx, { eventType: "user.login" });
      await recordActivity(tx, ctx, { eventType: "user.teleported" as EventType });
    });
    await expect(write).rejects.toThrow(/not in the registry/);
    expect(await db().activityLog.count()).toBe(0);
  });
});

describe("the event-type filter's options", () => {
  it("are the written types, plus a planned type once it has rows", async () => {
    const { ctx } = await adminCtx();
    expect(unwrap(await activityFilterOptions(ctx)).eventTypes.map((o) => o.value)).toEqual(WRITTEN_EVENT_TYPES);
    await insertLogs([{ at: "2026-02-01T00:00:00Z", eventType: "event.merged", resourceType: "event" }]);
    const options = unwrap(await activityFilterOptions(ctx)).eventTypes;
    expect(options.map((o) => o.value)).toEqual([...WRITTEN_EVENT_TYPES, "event.merged"]);
    expect(options.at(-1)).toEqual({ value: "event.merged", label: "Events Merged" });
  });
});
