// Settings every test file starts with. Tests that need others set them and
// call resetEnvForTests().
import { testDatabaseUrl } from "./database";

process.env.DATABASE_URL = testDatabaseUrl();
process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret";
process.env.APP_URL = "http://sel.test";
process.env.EMAIL_PROVIDER = "log";
process.env.LOG_LEVEL = "silent";
process.env.RATE_LIMIT_API_PER_MINUTE = "100000";
(process.env as Record<string, string>).NODE_ENV = "test";
