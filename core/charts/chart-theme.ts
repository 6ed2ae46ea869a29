// The look every Popsight chart shares (font, axis, legend and title colours), so that the trend
// and the map (and, later, server-side renders) match the page. Pure data: no DOM.
import type { Config } from 'vega-lite';

export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const CHART_CONFIG = {
  font: CHART_FONT,
  view: { stroke: null },
  axis: {
    labelColor: '#4a5463',
    titleColor: '#2b3340',
    titleFontWeight: 500,
    gridColor: '#e6e9ee',
    domainColor: '#b8c0cc',
    tickColor: '#b8c0cc',
    labelFontSize: 11,
    titleFontSize: 12,
  },
  legend: { labelColor: '#2b3340', titleColor: '#2b3340', labelFontSize: 12, titleFontSize: 12 },
  title: { anchor: 'start', color: '#1d2430', subtitleColor: '#5b6573', fontSize: 15 },
} as const satisfies Config;
