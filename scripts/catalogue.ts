// Catalogue import and export: `npm run catalogue -- <command>`. Same database as the app (lib/db/resolve.ts):
// DATABASE_URL, or the embedded PostgreSQL (the running one, or started for the command).
//   import FILE [--format json|csv|xlsx|guangan-json|guangan-csv] [--dry-run] [--publish] [--json] [--lang zh-CN|en]
//       checks every row first; with any problem nothing is written (exit 1). --dry-run checks and reports only.
//       --publish publishes the records marked PUBLISHED (every item of the district data) without review.
//   export FILE [--format json|csv|xlsx] [--published]
//       every item's newest content (its open draft, else its live guide); --published: live guides only.
//   import-companies FILE
//       the business registry (CSV: 统一社会信用代码, 企业名称, 法定代表人, 法定代表人身份证号码, 登记状态) that company
//       verification checks legal representatives against (lib/accounts/company-registry.ts); all rows or none.
import { allowServerOnlyModules } from "../lib/runtime/server-only-outside-next";

// `import "server-only"` resolves only inside React Server Components (lib/runtime/server-only-outside-next.ts).
allowServerOnlyModules();

const { readFile, writeFile } = await import("node:fs/promises");
const { userInfo } = await import("node:os");
const path = await import("node:path");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { PrismaClient } = await import("../lib/generated/prisma/client");
const { resolveDatabase } = await import("../lib/db/resolve");
const { logger } = await import("../lib/logger");
const { importCatalogueFile } = await import("../lib/catalogue/import/importer");
const { exportCatalogueContent } = await import("../lib/catalogue/import/export-content");
const { isImportFormat } = await import("../lib/catalogue/import/read");
const { EXPORT_FORMATS } = await import("../lib/catalogue/import/types");
const { messagesFor } = await import("../lib/i18n/messages/index");

const usage = [
  "usage: npm run catalogue -- import FILE [--format json|csv|xlsx|guangan-json|guangan-csv] [--dry-run] [--publish] [--json] [--lang zh-CN|en]",
  "       npm run catalogue -- export FILE [--format json|csv|xlsx] [--published]",
  "       npm run catalogue -- import-companies FILE.csv",
].join("\n");

const args = process.argv.slice(2);
const [command, file] = args;
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

if (
  (command !== "import" && command !== "export" && command !== "import-companies") ||
  !file ||
  file.startsWith("--")
) {
  console.error(usage);
  process.exit(2);
}
const format = option("--format");
const lang = option("--lang") === "en" ? "en" : "zh-CN";
const messages = messagesFor(lang);

function text(key: string): string {
  let value: unknown = messages;
  for (const part of key.split("."))
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === "string" ? value : key;
}

/** A bar on a terminal; a line per phase otherwise (logs, CI). */
function progressPrinter() {
  const tty = process.stderr.isTTY;
  return (phase: string, done: number, total: number) => {
    if (tty) {
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      process.stderr.write(
        `\r${phase.padEnd(8)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}   `,
      );
      if (done >= total) process.stderr.write("\n");
    } else if (done >= total) process.stderr.write(`${phase}: ${done}/${total}\n`);
  };
}

let bytes: Buffer | null = null;
if (command === "import" || command === "import-companies") {
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const database = await resolveDatabase((message) => logger.info({ component: "db" }, message));
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
let exitCode = 0;
try {
  if (command === "import-companies") {
    const { importCompanyRegistry } = await import("../lib/accounts/company-registry");
    const report = await importCompanyRegistry(client, bytes!);
    for (const problem of report.problems.slice(0, 500))
      console.log(`${text("catalogueImport.report.row")} ${problem.row}  ${problem.field}: ${text(problem.message)}`);
    console.log(
      report.problems.length > 0
        ? `nothing imported: ${report.problems.length} problem(s)`
        : `company registry: ${report.imported} companies imported`,
    );
    if (report.problems.length > 0) exitCode = 1;
  } else if (command === "import") {
    if (format !== undefined && !isImportFormat(format)) {
      console.error(`unknown format "${format}"\n${usage}`);
      exitCode = 2;
    } else {
      const report = await importCatalogueFile(client, bytes!, {
        fileName: path.basename(file),
        format,
        dryRun: flag("--dry-run"),
        publish: flag("--publish"),
        actor: null,
        operator: userInfo().username,
        via: "cli",
        onProgress: progressPrinter(),
      });
      if (flag("--json")) console.log(JSON.stringify(report, null, 2));
      else {
        for (const problem of report.problems.slice(0, 500))
          console.log(
            `${text("catalogueImport.report.row")} ${problem.row}  ${problem.field}: ${text(problem.message)}${problem.value ? ` (${problem.value})` : ""}`,
          );
        if (report.problems.length > 500) console.log(`… ${report.problems.length - 500}`);
        const { summary } = report;
        console.log(
          [
            `${text(report.dryRun ? "catalogueImport.report.dryRunDone" : report.committed ? "catalogueImport.report.committed" : "catalogueImport.report.notCommitted")} (${report.format}, ${report.milliseconds} ms)`,
            ...(
              [
                "total",
                "created",
                "updated",
                "unchanged",
                "published",
                "errors",
                "departmentsCreated",
                "themesCreated",
                "catalogItemsCreated",
              ] as const
            ).map((key) => `  ${text(`catalogueImport.summary.${key}`)}: ${summary[key]}`),
          ].join("\n"),
        );
      }
      if (report.problems.length > 0) exitCode = 1;
    }
  } else {
    const extension = path.extname(file).slice(1).toLowerCase();
    const chosen = format ?? extension;
    if (!(EXPORT_FORMATS as readonly string[]).includes(chosen)) {
      console.error(`say --format json|csv|xlsx (or name the file .json, .csv or .xlsx)\n${usage}`);
      exitCode = 2;
    } else {
      const { body, count } = await exportCatalogueContent(client, {
        format: chosen as (typeof EXPORT_FORMATS)[number],
        source: flag("--published") ? "published" : "latest",
      });
      await writeFile(file, body);
      console.log(`${count} → ${file}`);
    }
  }
} catch (error) {
  logger.error({ err: error }, "catalogue command failed");
  exitCode = 1;
} finally {
  await client.$disconnect();
  await database.stop();
}
process.exit(exitCode);
