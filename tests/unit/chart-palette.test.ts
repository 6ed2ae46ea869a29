// The categorical palette under colour-vision deficiency, computed here independently of the code:
// sRGB → linear RGB → the Machado, Oliveira & Fernandes (2009) simulation matrices at severity 1.0
// (full protanopia, deuteranopia, tritanopia; the authors' published table) → CIE XYZ (D65) → CIELAB,
// and the CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, checked against their test data).
// Threshold: every pair of palette colours at ΔE00 ≥ 10 under normal vision and each simulation (a
// difference readily told apart for small marks such as lines and points; a just-noticeable
// difference is about 1–2.3).
import { describe, expect, it } from 'vitest';
import { CATEGORICAL_PALETTE } from '../../core/charts/palette.ts';

type Vec = [number, number, number];
const MACHADO: Record<'protanopia' | 'deuteranopia' | 'tritanopia', Vec[]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.1476], [0.004733, 0.691367, 0.3039]],
};
const THRESHOLD = 10;

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linearOf = (hex: string): Vec => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255)) as Vec;
const clamp = (v: number) => Math.min(1, Math.max(0, v));
const simulate = (m: Vec[], rgb: Vec): Vec => m.map((row) => clamp(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])) as Vec;

function labOf([r, g, b]: Vec): Vec {
  // sRGB primaries, D65 white (IEC 61966-2-1).
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 (Sharma, Wu & Dalal 2005, eqs. 1–22), kL = kC = kH = 1. */
function ciede2000([l1, a1, b1]: Vec, [l2, a2, b2]: Vec): number {
  const deg = Math.PI / 180;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const [ap1, ap2] = [(1 + g) * a1, (1 + g) * a2];
  const [cp1, cp2] = [Math.hypot(ap1, b1), Math.hypot(ap2, b2)];
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360);
  const [hp1, hp2] = [hue(b1, ap1), hue(b2, ap2)];
  let dhp = 0;
  if (cp1 * cp2 !== 0) dhp = hp2 - hp1 > 180 ? hp2 - hp1 - 360 : hp2 - hp1 < -180 ? hp2 - hp1 + 360 : hp2 - hp1;
  const dLp = l2 - l1;
  const dCp = cp2 - cp1;
  const dHp = 2 * Math.sqrt(cp1 * cp2) * Math.sin((dhp / 2) * deg);
  const lBar = (l1 + l2) / 2;
  const cpBar = (cp1 + cp2) / 2;
  let hpBar = hp1 + hp2;
  if (cp1 * cp2 !== 0) hpBar = Math.abs(hp1 - hp2) <= 180 ? (hp1 + hp2) / 2 : hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
  const t = 1 - 0.17 * Math.cos((hpBar - 30) * deg) + 0.24 * Math.cos(2 * hpBar * deg) + 0.32 * Math.cos((3 * hpBar + 6) * deg) - 0.2 * Math.cos((4 * hpBar - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hpBar - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cpBar ** 7 / (cpBar ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sc = 1 + 0.045 * cpBar;
  const sh = 1 + 0.015 * cpBar * t;
  const rt = -Math.sin(2 * dTheta * deg) * rc;
  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
}

const VISIONS = { normal: null, ...MACHADO } as const;
const labUnder = (hex: string, vision: keyof typeof VISIONS): Vec => {
  const matrix = VISIONS[vision];
  return labOf(matrix ? simulate(matrix, linearOf(hex)) : linearOf(hex));
};
const closestPair = (palette: readonly string[], vision: keyof typeof VISIONS) => {
  let closest = { a: '', b: '', difference: Infinity };
  for (let i = 0; i < palette.length; i++) {
    for (let j = i + 1; j < palette.length; j++) {
      const difference = ciede2000(labUnder(palette[i]!, vision), labUnder(palette[j]!, vision));
      if (difference < closest.difference) closest = { a: palette[i]!, b: palette[j]!, difference };
    }
  }
  return closest;
};

describe('the categorical palette', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal (2005) tabulate it', () => {
    const pairs: [Vec, Vec, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, expected] of pairs) expect(ciede2000(a, b)).toBeCloseTo(expected, 4);
  });

  it('leaves white white under each simulation (each Machado row sums to 1), and confuses red with green under deuteranopia', () => {
    for (const matrix of Object.values(MACHADO)) for (const row of matrix) expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 4);
    // The check can fail: Tableau's red and green are far apart to normal vision, close to a deuteranope.
    expect(ciede2000(labUnder('#d62728', 'normal'), labUnder('#2ca02c', 'normal'))).toBeGreaterThan(40);
    expect(ciede2000(labUnder('#d62728', 'deuteranopia'), labUnder('#2ca02c', 'deuteranopia'))).toBeLessThan(THRESHOLD);
  });

  it('has 14 distinct colours, enough for the largest stratifier of the demo (14 counties)', () => {
    expect(CATEGORICAL_PALETTE.length).toBeGreaterThanOrEqual(14);
    expect(new Set(CATEGORICAL_PALETTE.map((c) => c.toLowerCase())).size).toBe(CATEGORICAL_PALETTE.length);
  });

  it.each(Object.keys(VISIONS) as (keyof typeof VISIONS)[])(`keeps every pair of colours at CIEDE2000 ≥ ${THRESHOLD} under %s`, (vision) => {
    const closest = closestPair(CATEGORICAL_PALETTE, vision);
    expect(closest.difference, `${closest.a} and ${closest.b}`).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('gives every colour a contrast of at least 3:1 on white (WCAG 2.1 non-text contrast)', () => {
    for (const colour of CATEGORICAL_PALETTE) {
      const [r, g, b] = linearOf(colour);
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(1.05 / (luminance + 0.05), colour).toBeGreaterThanOrEqual(3);
    }
  });
});
