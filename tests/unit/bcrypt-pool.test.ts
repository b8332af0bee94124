import bcrypt from "bcryptjs";
import { threadId } from "node:worker_threads";
import { BcryptPool } from "@/lib/server/auth/bcrypt-pool";
import { hashPassword, verifyPassword } from "@/lib/server/auth/passwords";

describe("bcrypt worker pool", () => {
  const pool = new BcryptPool(2);
  afterAll(() => pool.close());

  it("hashes in worker threads with bcryptjs, and the hashes verify both ways", async () => {
    const h = await pool.hash("correct horse battery", 4);
    expect(h).toMatch(/^\$2b\$04\$/);
    expect(await bcrypt.compare("correct horse battery", h)).toBe(true);
    expect(await pool.compare("correct horse battery", h)).toBe(true);
    expect(await pool.compare("wrong", h)).toBe(false);
    expect(await pool.compare("x", await bcrypt.hash("x", 4))).toBe(true);
  });

  it("runs as many jobs at once as it has threads, and queues the rest", async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => pool.hash(`pw-${i}`, 4));
    const hashes = await Promise.all(jobs);
    expect(new Set(hashes).size).toBe(6);
    expect(pool.threads).toBe(2);
    expect(threadId).toBe(0);
  });

  it("turns a bcrypt error into a rejection and keeps working", async () => {
    await expect(pool.compare("pw", "not a bcrypt hash")).resolves.toBe(false);
    await expect(pool.compare("pw", 123 as unknown as string)).rejects.toThrow(/illegal/i);
    expect(await pool.compare("pw", await pool.hash("pw", 4))).toBe(true);
  });

  it("replaces a worker that dies and fails only the job it was running", async () => {
    const p = new BcryptPool(1);
    const job = p.hash("pw", 12);
    await p.killOneForTests();
    await expect(job).rejects.toThrow(/exited/);
    expect(await p.compare("pw", await p.hash("pw", 4))).toBe(true);
    await p.close();
    await expect(p.hash("pw", 4)).rejects.toThrow(/closed/);
  });

  it("backs hashPassword and verifyPassword (unknown users still cost one compare)", async () => {
    const h = await hashPassword("Another-Strong-Passphrase-1");
    expect(h).toMatch(/^\$2b\$12\$/);
    expect(await verifyPassword("Another-Strong-Passphrase-1", h)).toBe(true);
    expect(await verifyPassword("nope", null)).toBe(false);
  });
});
