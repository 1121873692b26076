// ECharts with only what the statistics pages draw (line, bar, pie; grid, tooltip, legend, aria; SVG renderer),
// imported by chart.tsx on demand in the browser so no other page carries it.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export const init = echarts.init;
