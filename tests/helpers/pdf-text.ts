// The text a PDF draws, read back as a PDF reader reads it: each page's content streams decoded, each
// string shown (Tj) mapped from its glyph codes to characters through its font's ToUnicode CMap.
// Enough for the documents pdf-lib writes (one Tj per drawn line, Type0 fonts with two-byte codes);
// it is not a general PDF text extractor.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

/** One drawn string: its text and the page it is on (1-based). */
export interface DrawnText {
  page: number;
  text: string;
}

const bytesOf = (stream: PDFRawStream): string => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');

/** glyph code → characters, from a ToUnicode CMap's bfchar and bfrange sections. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code!, 16), utf16(text!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const [from, to] = [parseInt(low!, 16), parseInt(high!, 16)];
      if (target!.startsWith('[')) {
        [...target!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((m, i) => map.set(from + i, utf16(m[1]!)));
      } else {
        const first = Buffer.from(target!.slice(1, -1), 'hex');
        for (let code = from; code <= to; code++) {
          const text = Buffer.from(first);
          text.writeUInt16BE(text.readUInt16BE(text.length - 2) + (code - from), text.length - 2);
          map.set(code, text.swap16().toString('utf16le'));
        }
      }
    }
  }
  return map;
}

/** Every string the document draws, in drawing order, with its page. */
export async function pdfTexts(bytes: Uint8Array): Promise<DrawnText[]> {
  const doc = await PDFDocument.load(bytes);
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? doc.context.lookup(object) : object);
  const drawn: DrawnText[] = [];
  for (const [index, page] of doc.getPages().entries()) {
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = lookup(page.node.Resources()?.get(PDFName.of('Font'))) as PDFDict | undefined;
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const toUnicode = lookup((lookup(ref) as PDFDict).get(PDFName.of('ToUnicode')));
      if (toUnicode instanceof PDFRawStream) fonts.set(name.decodeText(), parseToUnicode(bytesOf(toUnicode)));
    }
    const contents = lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => lookup(ref)) : [contents];
    const program = streams.filter((s): s is PDFRawStream => s instanceof PDFRawStream).map(bytesOf).join('\n');
    let font: Map<number, string> | undefined;
    for (const [, fontName, hex] of program.matchAll(/\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (fontName !== undefined) {
        font = fonts.get(fontName);
        continue;
      }
      if (!font) throw new Error(`page ${index + 1}: a string is shown with a font that has no ToUnicode map`);
      const codes = hex!.match(/.{4}/g) ?? [];
      drawn.push({ page: index + 1, text: codes.map((code) => font!.get(parseInt(code, 16)) ?? '\ufffd').join('') });
    }
  }
  return drawn;
}
