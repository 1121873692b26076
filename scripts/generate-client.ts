// postinstall: generates the Prisma client (lib/generated/prisma) without downloading any engine.
import { runPrisma } from "../lib/db/prisma-cli";

const code = await runPrisma(["generate"]);
process.exit(code);
