// The team's build lock and "build when missing or stale", for the benchmarks that start the production build
// (bench:load, scale-out, bench:pages).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { buildIsCurrent } from "./build-state";

/** The team's lock for builds and browser runs (flock(1)); benchmarks hold it for their whole run. */
export const BUILD_LOCK = "/tmp/ow-build.lock";

/**
 * Holds the team's lock: flock(1) keeps it for a `cat` that lives as long as its standard input, i.e. as long as
 * this process (also when it is killed). Builds and browser runs of others wait, and wait for them. Resolves with
 * the release once the lock is held.
 */
export async function takeBuildLock(who: string): Promise<() => void> {
  console.log(`waiting for ${BUILD_LOCK} (builds and browser runs of others take turns with ${who})…`);
  const holder = spawn("flock", [BUILD_LOCK, "sh", "-c", "echo locked; exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    holder.once("error", (error) => reject(new Error(`flock (util-linux) could not be started: ${error.message}`)));
    holder.once("exit", (code) => reject(new Error(`flock exited with ${code}`)));
    holder.stdout.once("data", () => resolve());
  });
  holder.removeAllListeners("exit");
  return () => holder.stdin.end();
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) =>
    spawn(process.execPath, command, { stdio: "inherit", env }).on("exit", (code) => resolve(code ?? 1)),
  );
}

/**
 * Makes sure .next holds a production build to serve (call it with the lock held): builds when the build is missing
 * or older than the sources, unless `noBuild` (serve what is there, as `npm start -- --no-build`).
 */
export async function ensureProductionBuild({ noBuild }: { noBuild: boolean }): Promise<void> {
  const require = createRequire(import.meta.url);
  if (noBuild) {
    if (!existsSync(path.join(".next", "BUILD_ID")))
      throw new Error("--no-build: there is no production build in .next");
    console.log(
      `serving the existing production build as it is${buildIsCurrent() ? "" : " (older than some sources)"}`,
    );
    return;
  }
  if (buildIsCurrent()) {
    console.log("the production build (.next) is current");
    return;
  }
  // The checkout is shared: a source someone is halfway through editing fails the build, and a failed build leaves
  // no usable .next. Type-check first; if that fails, keep serving the build that is there.
  const typesOk = (await run([require.resolve("typescript/bin/tsc"), "--noEmit", "-p", "."], process.env)) === 0;
  if (!typesOk && existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("the sources do not type-check right now (see above): serving the existing, older production build");
    return;
  }
  if (!typesOk) throw new Error("the sources do not type-check (see above) and there is no production build to serve");
  console.log("the production build is missing or older than the sources: next build");
  const nextBin = require.resolve("next/dist/bin/next");
  if ((await run([nextBin, "build"], { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" })) !== 0) {
    throw new Error("next build failed (read its output: it may be someone else's half-finished file)");
  }
}
