import { configProblems } from "@/scripts/lib/start-config";

// What `npm start` refuses before it starts anything (the README's "Required" column).
describe("npm start configuration", () => {
  const none = {};

  it("needs nothing for the embedded setup with the log provider", async () => {
    expect(await configProblems(none, false)).toEqual([]);
  });

  it("needs NEXTAUTH_SECRET with an external DATABASE_URL", async () => {
    const problems = await configProblems({ DATABASE_URL: "postgresql://db/x" }, false);
    expect(problems).toEqual([expect.stringContaining("NEXTAUTH_SECRET: is required with an external DATABASE_URL")]);
  });

  it("needs APP_URL whenever emails are sent, embedded database or not, but not in development or when email is off", async () => {
    const smtp = { EMAIL_PROVIDER: "smtp", SMTP_HOST: "mail.example.org" };
    expect(await configProblems(smtp, false)).toEqual([expect.stringContaining("APP_URL: is required with EMAIL_PROVIDER=smtp")]);
    expect(await configProblems({ ...smtp, APP_URL: "https://admin.example.org" }, false)).toEqual([]);
    expect(await configProblems({ ...smtp, EMAIL_ENABLED: "false" }, false)).toEqual([]);
    expect(await configProblems(smtp, true)).toEqual([]);
    const resend = { EMAIL_PROVIDER: "resend", RESEND_API_KEY: "re_x" };
    expect(await configProblems(resend, false)).toEqual([expect.stringContaining("APP_URL: is required with EMAIL_PROVIDER=resend")]);
  });

  it("passes on the validation of every setting", async () => {
    expect(await configProblems({ EMAIL_PROVIDER: "smtp", APP_URL: "https://a.example.org" }, false)).toEqual([
      expect.stringContaining("SMTP_HOST: is required when EMAIL_PROVIDER=smtp"),
    ]);
    expect(await configProblems({ PORT: "nope" }, false)).toEqual([expect.stringMatching(/^ {2}PORT: /)]);
  });
});
