// Text widths for Vega in Node, where there is no canvas to measure with: Vega's own fallback guesses
// 0.8 em a character, about a third wider than DejaVu Sans, so legends and labels were laid out for
// text wider than drawn (a legend of four columns overflowed a 390 px chart; labels were cut short).
// Measured instead with the advance widths of the fonts the server draws with (data/fonts: DejaVu
// Sans, regular and bold, which resvg renders the PNGs in and which Debian's browsers use for the
// dashboard's font stack), without kerning. The width of the text as given: Vega truncates a label
// to its limit with this same measure.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import * as vega from 'vega';

interface Face {
  unitsPerEm: number;
  advance(codePoint: number): number;
}

function face(file: string): Face {
  const font = fontkit.create(readFileSync(file));
  const advances = new Map<number, number>();
  return {
    unitsPerEm: font.unitsPerEm,
    advance(codePoint) {
      let width = advances.get(codePoint);
      if (width === undefined) {
        width = font.glyphForCodePoint(codePoint).advanceWidth;
        advances.set(codePoint, width);
      }
      return width;
    },
  };
}

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
}

/** Vega's text measure (vega-scenegraph's, which vega re-exports; its types leave it out). */
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };

const isBold = (weight: TextItem['fontWeight']): boolean => weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;

/** Makes Vega measure text with these font files (regular, bold) from now on, in this process. */
export function measureTextWith(regularFile: string, boldFile: string): void {
  const regular = face(regularFile);
  const bold = face(boldFile);
  textMetrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const value = text == null ? '' : String(text).trim();
    if (size <= 0 || !value) return 0;
    const font = isBold(item.fontWeight) ? bold : regular;
    let units = 0;
    for (const character of value) units += font.advance(character.codePointAt(0)!);
    return (units * size) / font.unitsPerEm;
  };
}
