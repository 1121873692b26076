import { readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { env, EnvError } from "../env";
import { generateDataKey, parseDataKey } from "./data-key";
import { setDataKey } from "./pii";

/**
 * The data key this process encrypts personal data with: ONEWINDOW_DATA_KEY when set, otherwise the one kept in
 * `$ONEWINDOW_DATA_DIR/data-key` (mode 600), generated there on first use — exactly as scripts/start.ts keeps the
 * session secret. Every entry point that opens the database calls this (lib/db/resolve.ts), so the app, its workers
 * (given the key by scripts/start.ts) and the command-line tools agree on one key per data folder.
 *
 * Losing the key loses every ID number and phone in the database and its backups: keep a copy apart from the backups.
 */
export async function resolveDataKey(log?: (message: string) => void): Promise<string> {
  const config = env();
  if (config.ONEWINDOW_DATA_KEY) {
    setDataKey(config.ONEWINDOW_DATA_KEY);
    return config.ONEWINDOW_DATA_KEY;
  }
  const file = path.join(config.ONEWINDOW_DATA_DIR, "data-key");
  let key: string;
  try {
    key = (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(config.ONEWINDOW_DATA_DIR, { recursive: true });
    try {
      // "wx": two processes starting at once never write two different keys; the loser reads the winner's.
      await writeFile(file, generateDataKey(), { mode: 0o600, flag: "wx" });
      log?.(
        `generated a data key in ${file}; back it up apart from the database, and set ONEWINDOW_DATA_KEY when running several instances`,
      );
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== "EEXIST") throw raced;
    }
    key = (await readFile(file, "utf8")).trim();
  }
  if (!parseDataKey(key))
    throw new EnvError(
      `Invalid configuration:\n  ONEWINDOW_DATA_KEY: the key in ${file} is not 32 bytes of base64 or hex`,
    );
  setDataKey(key);
  return key;
}
