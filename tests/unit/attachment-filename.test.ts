import { describe, expect, it } from 'vitest';
import { attachmentFilename } from '../../client/src/lib/api.ts';

describe('attachmentFilename', () => {
  it("reads the quoted file name the server sends (RFC 6266)", () => {
    expect(attachmentFilename('attachment; filename="diabetes-prevalence-year.csv"')).toBe('diabetes-prevalence-year.csv');
  });

  it('prefers the UTF-8 filename* parameter (RFC 8187) and reads unquoted names', () => {
    expect(attachmentFilename(`attachment; filename="a.csv"; filename*=UTF-8''co%C3%BBt-pmpm.csv`)).toBe('coût-pmpm.csv');
    expect(attachmentFilename('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(attachmentFilename('attachment; filename="say \\"hi\\".csv"')).toBe('say "hi".csv');
  });

  it('gives null without a file name, so the caller falls back to its own', () => {
    expect(attachmentFilename(null)).toBeNull();
    expect(attachmentFilename('attachment')).toBeNull();
  });
});
