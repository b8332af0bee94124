// A process that owns an embedded database until it is killed: the tests
// kill it with SIGKILL to leave what a crashed `npm start` leaves.
import { startEmbedded } from "../../scripts/lib/embedded-db";

startEmbedded("start", () => undefined).then(
  (e) => {
    console.log(`READY ${e.url}`);
    setInterval(() => undefined, 60_000);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
