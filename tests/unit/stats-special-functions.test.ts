import { describe, expect, it } from 'vitest';
import {
  gammaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
  zForConfidence,
} from '../../core/stats/index.ts';

// Round to 4 significant digits, the precision of the printed tables compared against.
const sig4 = (x: number) => Number(x.toPrecision(4));

describe('special functions against closed forms and printed tables', () => {
  it('computes ln Γ at points with closed forms', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13); // Γ(1/2) = √π
    expect(logGamma(1)).toBe(0);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12); // Γ(10) = 9!
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12); // A&S Table 6.1
    expect(logGamma(-1)).toBeNaN();
  });

  it('matches the normal table (z for 90, 95, 99% and the far tail)', () => {
    expect(sig4(normalQuantile(0.95))).toBe(1.645);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 6);
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 7);
  });

  it('inverts its own normal CDF across the range', () => {
    for (const p of [1e-300, 1e-12, 0.001, 0.2, 0.5, 0.7, 0.999999]) {
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-12);
    }
  });

  it('matches the t table for the usual degrees of freedom', () => {
    // Two-sided 95% critical values, e.g. Fisher & Yates Table III.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-3.182, 3);
  });

  it('agrees with the closed-form t CDFs for 1, 2 and 3 degrees of freedom', () => {
    for (const t of [-7, -1.3, 0, 0.4, 2, 25]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13); // Cauchy
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
      const u = t / Math.sqrt(3);
      expect(studentTCdf(t, 3)).toBeCloseTo(0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI, 13);
    }
    expect(studentTTwoSidedP(0, 4)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 4)).toBe(0);
  });

  it('matches the chi-square table through the gamma quantile, χ²(p; k) = 2·G⁻¹(p; k/2)', () => {
    expect(sig4(2 * gammaQuantile(0.95, 5))).toBe(18.31); // χ²(0.95; 10) = 18.307
    expect(sig4(2 * gammaQuantile(0.05, 5))).toBe(3.940); // χ²(0.05; 10) = 3.940
    expect(sig4(2 * gammaQuantile(0.975, 0.5))).toBe(5.024); // χ²(0.975; 1) = 5.024
    expect(sig4(2 * gammaQuantile(0.99, 50))).toBe(135.8); // χ²(0.99; 100) = 135.807
    expect(gammaQuantile(0.975, 1)).toBeCloseTo(-Math.log(0.025), 12); // exponential
    expect(gammaQuantile(0.5, 2, 3)).toBeCloseTo(3 * gammaQuantile(0.5, 2), 12); // scale
  });

  it('inverts the incomplete gamma for small and large shapes', () => {
    // Shapes ≥ 0.05 keep the 1e-9 quantile above the double-precision underflow.
    for (const shape of [0.05, 0.5, 1, 7.3, 400, 1e5]) {
      for (const p of [1e-9, 0.025, 0.5, 0.975, 1 - 1e-9]) {
        const x = gammaQuantile(p, shape);
        const back = p < 0.5 ? regularizedGammaP(shape, x) : regularizedGammaQ(shape, x);
        const target = p < 0.5 ? p : 1 - p;
        expect(Math.abs(back - target) / target).toBeLessThan(1e-6);
      }
    }
  });

  it('gives the incomplete beta its symmetry and its closed form for b = 1', () => {
    expect(regularizedBeta(0.5, 3.3, 3.3)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14); // I_x(a, 1) = x^a
    expect(regularizedBeta(0.8, 4, 2) + regularizedBeta(0.2, 2, 4)).toBeCloseTo(1, 14);
  });
});
