/**
 * Bad input to a protocol computation, naming the field and a detail-message key (the server turns it
 * into a 400 naming the same field).
 */
export class ProtocolInputError extends Error {
  readonly field: string;
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(field: string, code: string, params: Record<string, string | number> = {}) {
    super(`${field}: ${code}`);
    this.name = 'ProtocolInputError';
    this.field = field;
    this.code = code;
    this.params = params;
  }
}
