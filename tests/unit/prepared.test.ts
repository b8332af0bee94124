// Next.js bundles lib/server/sql.ts more than once (pages, route handlers)
// and every copy shares the one pool: a statement's name must follow from its
// text alone, or two copies give one name to two texts and the connection
// refuses the second ("Prepared statements must be unique").
type Sql = typeof import("@/lib/server/sql");

function freshCopy(): Sql {
  let mod: Sql | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<Sql>("@/lib/server/sql");
  });
  return mod!;
}

describe("prepared()", () => {
  it("names a text the same in every copy of the module, and different texts differently", () => {
    const a = freshCopy();
    const b = freshCopy();
    expect(a).not.toBe(b);
    // Different first texts in each copy: a counter would hand both the same name.
    const inA = a.prepared("SELECT 1", []);
    const inB = b.prepared("SELECT 2", []);
    expect(inA.name).not.toBe(inB.name);
    expect(b.prepared("SELECT 1", []).name).toBe(inA.name);
    expect(a.prepared("SELECT 2", [7])).toEqual({ name: inB.name, text: "SELECT 2", values: [7] });
    // PostgreSQL keeps at most 63 bytes of a name.
    expect(inA.name.length).toBeLessThanOrEqual(63);
  });
});
