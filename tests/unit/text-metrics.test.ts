// Vega's text widths in Node (server/reports/text-metrics.ts) against the widths Chromium's canvas
// measures for the same text in the same font (DejaVu Sans, Debian's sans-serif), taken from Debian's
// chromium: measureText, 12px system-ui unless said. Kerning aside, they agree within a pixel; Vega's
// own guess without a canvas (0.8 em a character) was off by a third.
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import '../../server/reports/render-chart.ts';

const { textMetrics } = vega as unknown as { textMetrics: { width: (item: object, text: unknown) => number } };

const CHROMIUM: [item: object, text: string, width: number][] = [
  [{ fontSize: 12 }, 'Female', 43.39],
  [{ fontSize: 12 }, 'Essex County', 80.91],
  [{ fontSize: 15, fontWeight: 'bold' }, 'Diabetes prevalence', 173.39],
  [{ fontSize: 11 }, '2024', 27.99],
];

describe("Vega's text widths on the server", () => {
  it.each(CHROMIUM)('%o %s: within a pixel of Chromium', (item, text, width) => {
    expect(Math.abs(textMetrics.width(item, text) - width)).toBeLessThan(1);
  });

  it('measure nothing as zero wide, and a weight of 600 or more in the bold face', () => {
    expect(textMetrics.width({ fontSize: 12 }, '')).toBe(0);
    expect(textMetrics.width({ fontSize: 12 }, null)).toBe(0);
    expect(textMetrics.width({ fontSize: 12, fontWeight: 600 }, 'Female')).toBeGreaterThan(textMetrics.width({ fontSize: 12, fontWeight: 500 }, 'Female'));
  });
});
