"use client";

import { useEffect, useRef } from "react";

export type ChartSpec = { type: "line" | "bar" | "pie"; labels: string[]; series: { name: string; data: number[] }[] };

/**
 * One chart, drawn by ECharts after the page has painted (the library is loaded only here, on demand). The chart
 * is a picture for sighted readers: it is labelled, and the same figures are in the data table right after it.
 */
export function Chart({ label, spec }: Readonly<{ label: string; spec: ChartSpec }>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import("./echarts-setup").then(({ init }) => {
      if (disposed || !ref.current) return;
      const chart = init(ref.current, undefined, { renderer: "svg" });
      const palette = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e"];
      chart.setOption({
        color: palette,
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: spec.type === "pie" ? "item" : "axis" },
        legend: spec.series.length > 1 || spec.type === "pie" ? { top: 0 } : undefined,
        grid: { left: 48, right: 16, top: 32, bottom: 64, containLabel: true },
        ...(spec.type === "pie"
          ? {
              series: [
                {
                  type: "pie",
                  radius: "60%",
                  data: spec.labels.map((name, index) => ({ name, value: spec.series[0]?.data[index] ?? 0 })),
                },
              ],
            }
          : {
              xAxis: {
                type: "category",
                data: spec.labels,
                axisLabel: { rotate: spec.labels.length > 8 ? 45 : 0, hideOverlap: true },
              },
              yAxis: { type: "value", minInterval: 1 },
              series: spec.series.map((series) => ({ type: spec.type, name: series.name, data: series.data })),
            }),
      });
      const onResize = () => chart.resize();
      window.addEventListener("resize", onResize);
      dispose = () => {
        window.removeEventListener("resize", onResize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [spec]);
  return <div ref={ref} role="img" aria-label={label} className="h-72 w-full" />;
}
