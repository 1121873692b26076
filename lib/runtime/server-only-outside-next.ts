import { register } from "node:module";

let registered = false;

/**
 * lib/ marks server modules with `import "server-only"`, which resolves only inside React Server Components. The
 * command-line tools and the demo seed run the same modules outside Next.js, where the package is an empty module
 * (as in the tests, see vitest.config.ts). Call this before importing such a module with `await import(…)`: static
 * imports are resolved before any code of the importing module runs.
 */
export function allowServerOnlyModules(): void {
  if (registered) return;
  registered = true;
  register(
    `data:text/javascript,${encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export {};", shortCircuit: true } : next(specifier, context); }',
    )}`,
  );
}
