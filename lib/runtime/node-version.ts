/**
 * The Node.js versions OneWindow runs on (issue 24). Node 20 reached its end of life on 2026-04-30; the project is
 * tested on Node 24 LTS (the version `npm install` brings as node_modules/.bin/node, package.json
 * optionalDependencies) and smoke-tested on Node 22 LTS (.ci/run). Odd majors are never LTS.
 */
export const SUPPORTED_NODE_FLOOR = { major: 22, minor: 12 } as const;
export const TESTED_NODE_MAJORS = [22, 24] as const;

/** Why `version` (e.g. "20.20.2") cannot run OneWindow, or null when it can. */
export function nodeVersionProblem(version: string): string | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return `cannot read the Node.js version "${version}"`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const floor = `${SUPPORTED_NODE_FLOOR.major}.${SUPPORTED_NODE_FLOOR.minor}`;
  if (
    major < SUPPORTED_NODE_FLOOR.major ||
    (major === SUPPORTED_NODE_FLOOR.major && minor < SUPPORTED_NODE_FLOOR.minor)
  ) {
    return `Node.js ${version} is not supported (end of life or too old): OneWindow needs Node.js ${floor} or later, an LTS line (${TESTED_NODE_MAJORS.join(" or ")})`;
  }
  if (major % 2 === 1)
    return `Node.js ${version} is not an LTS release: use Node.js ${TESTED_NODE_MAJORS.join(" or ")}`;
  return null;
}

/**
 * Stops a command on an unsupported Node.js with a clear message (npm start, the server, the jobs, npm test).
 * `npm install` puts a supported Node at node_modules/.bin/node, which npm scripts use, so this answers only when
 * someone runs the scripts with another Node by hand or on a platform without that package.
 */
export function assertSupportedNode(version: string = process.versions.node): void {
  const problem = nodeVersionProblem(version);
  if (!problem) return;
  console.error(
    `${problem}.\nRun the project through npm (npm start, npm test), which uses the Node.js that npm install brought (node_modules/.bin/node), or install Node.js 24 LTS.`,
  );
  process.exit(1);
}
