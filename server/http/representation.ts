// What a serializer produces: the bytes of one response and the headers that describe them.
// Plain data, so the response cache can keep it and send it again unchanged.

export interface Representation {
  body: Buffer;
  contentType: string;
  /** Further headers that belong to the body, such as Content-Disposition. */
  headers?: Record<string, string>;
}
