// Structural faults stop a load: the message names the file and what was expected.
export class LoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'LoadError';
  }
}

export const isLoadError = (error: unknown): error is LoadError => error instanceof LoadError;
