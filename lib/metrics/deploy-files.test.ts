import { readFileSync } from "node:fs";
import path from "node:path";
import { parseYaml } from "@redocly/openapi-core";
import { beforeAll, describe, expect, it } from "vitest";
import { exportedSeries } from "./registry";

/**
 * The sample Grafana dashboard and the Prometheus alert rules in deploy/ name metrics and labels of
 * lib/metrics/registry.ts. This keeps them in step: a renamed metric or label fails here, not silently on an
 * operator's screen.
 */
const deploy = path.join(import.meta.dirname, "..", "..", "deploy");
/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ["instance", "job"];

let series: Map<string, Set<string>>;
beforeAll(async () => {
  series = await exportedSeries();
});

/** Problems with the metric names and labels one PromQL expression uses. */
function problems(expr: string): string[] {
  const found: string[] = [];
  const names = [...expr.matchAll(/\b((?:onewindow|process|nodejs)_[a-zA-Z0-9_]+)\b/g)].map((match) => match[1]!);
  if (names.length === 0) found.push(`no OneWindow metric in: ${expr}`);
  for (const name of names) if (!series.has(name)) found.push(`unknown metric ${name}`);
  const known = new Set([...TARGET_LABELS, ...names.flatMap((name) => [...(series.get(name) ?? [])])]);
  for (const [, name, selector] of expr.matchAll(/\b((?:onewindow|process|nodejs)_[a-zA-Z0-9_]+)\{([^}]*)\}/g)) {
    for (const [, label] of selector!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) {
      if (!TARGET_LABELS.includes(label!) && !series.get(name!)?.has(label!))
        found.push(`${name} has no label ${label}`);
    }
  }
  for (const [, list] of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
    for (const label of list!
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)) {
      if (!known.has(label)) found.push(`no metric of the expression has label ${label}: ${expr}`);
    }
  }
  return found;
}

describe("the problems check itself", () => {
  it("finds unknown metrics and labels", () => {
    expect(problems('sum by (route) (rate(onewindow_http_requests_total{status=~"5.."}[5m]))')).toEqual([]);
    expect(problems("rate(onewindow_http_request_total[5m])")).toEqual(["unknown metric onewindow_http_request_total"]);
    expect(problems('onewindow_job_lag_seconds{job="deadlines"}')).toEqual([]);
    expect(problems('onewindow_job_lag_seconds{name="deadlines"}')).toEqual([
      "onewindow_job_lag_seconds has no label name",
    ]);
    expect(problems("max by (department_name) (onewindow_job_lag_seconds)")).toHaveLength(1);
  });
});

describe("deploy/grafana/onewindow-dashboard.json", () => {
  const dashboard = JSON.parse(readFileSync(path.join(deploy, "grafana", "onewindow-dashboard.json"), "utf8")) as {
    uid: string;
    title: string;
    schemaVersion: number;
    panels: { id: number; type: string; title: string; targets?: { expr: string; refId: string }[] }[];
    templating: { list: { query: { query: string } }[] };
  };

  it("is a dashboard with panels, each of its queries using metrics and labels that exist", () => {
    expect(dashboard).toMatchObject({ uid: "onewindow-overview", schemaVersion: expect.any(Number) });
    const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    expect(queries.length).toBeGreaterThan(20);
    expect(queries.flatMap(problems)).toEqual([]);
    expect(dashboard.templating.list.map((variable) => variable.query.query).flatMap(problems)).toEqual([]);
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels.filter((entry) => entry.type !== "row")) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      expect(new Set(panel.targets!.map((target) => target.refId)).size, panel.title).toBe(panel.targets!.length);
    }
  });

  it("shows each kind of figure the issue asks for", () => {
    const all = JSON.stringify(dashboard);
    for (const name of [
      "onewindow_http_requests_total",
      "onewindow_http_request_duration_seconds_bucket",
      "onewindow_page_cache_lookups_total",
      "onewindow_db_pool_waiting_requests",
      "onewindow_rate_limit_refusals_total",
      "onewindow_job_failures_total",
      "onewindow_job_lag_seconds",
      "onewindow_notification_deliveries_pending",
      "onewindow_webhook_deliveries_failed",
      "onewindow_cases_overdue",
      "onewindow_build_info",
    ]) {
      expect(all).toContain(name);
    }
  });
});

describe("deploy/prometheus", () => {
  type Rule = {
    alert?: string;
    expr?: string;
    for?: string;
    labels?: { severity?: string };
    annotations?: { summary?: string };
  };
  const rules = (
    parseYaml(readFileSync(path.join(deploy, "prometheus", "alerts.yml"), "utf8")) as {
      groups: { name: string; rules: Rule[] }[];
    }
  ).groups.flatMap((group) => group.rules);

  it("alerts.yml: alerting rules with a severity and a summary, on metrics and labels that exist", () => {
    expect(rules.length).toBeGreaterThan(4);
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^OneWindow[A-Za-z]+$/);
      expect(["critical", "warning", "info"], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(problems(rule.expr ?? ""), rule.alert).toEqual([]);
    }
  });

  it("alerts.yml covers overdue growth, job failures, the 5xx rate and pool saturation", () => {
    const exprs = rules.map((rule) => rule.expr ?? "");
    expect(exprs.some((expr) => /onewindow_cases_overdue[\s\S]*offset/.test(expr))).toBe(true);
    expect(exprs.some((expr) => expr.includes("onewindow_job_failures_total"))).toBe(true);
    expect(exprs.some((expr) => expr.includes('status=~"5.."'))).toBe(true);
    expect(exprs.some((expr) => expr.includes("onewindow_db_pool_waiting_requests"))).toBe(true);
  });

  it("prometheus.yml loads the rules and scrapes /metrics with the bearer token", () => {
    const config = parseYaml(readFileSync(path.join(deploy, "prometheus", "prometheus.yml"), "utf8")) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path: string; authorization?: { type: string } }[];
    };
    expect(config.rule_files).toContain("alerts.yml");
    expect(config.scrape_configs[0]).toMatchObject({
      job_name: "onewindow",
      metrics_path: "/metrics",
      authorization: { type: "Bearer" },
    });
  });
});
