// Colours of categorical series (strata). The palette is chosen so that no two of its colours are
// confused with normal vision or under full deuteranopia, protanopia or tritanopia (Machado, Oliveira
// & Fernandes 2009 simulation; every pair at CIEDE2000 ≥ 12.5, checked independently by
// tests/unit/chart-palette.test.ts against a stated threshold of 10), and every colour has a contrast
// of at least 3:1 on white (WCAG 2.1 SC 1.4.11, non-text contrast), so thin lines and points stay visible.
// Found by a max-min search over a 16-step sRGB grid, then ordered so that each prefix is as spread
// as it can be: a chart of three strata uses the three most distinct colours.

/** One colour per stratum, up to this many strata; beyond, a chart highlights one and greys the rest. */
export const CATEGORICAL_PALETTE = [
  '#5a4bff', '#e16900', '#4b3c3c', '#878787', '#4b00b4', '#781e0f', '#875a4b',
  '#4ba569', '#b43c00', '#2d3c5a', '#a587b4', '#785a96', '#4b6969', '#8787ff',
] as const;

/** A single series (no stratifier). */
export const SINGLE_SERIES_COLOUR = '#0b6fa4';

/** With more strata than colours: the highlighted stratum, and every other one. */
export const HIGHLIGHT_COLOUR = '#0b6fa4';
export const CONTEXT_GREY = '#c3c9d1';
