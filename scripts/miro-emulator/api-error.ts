/** An error the emulator answers with, in Miro's error body shape `{ status, code, message, type: 'error' }`. */

export interface FieldError {
  field: string;
  message: string;
  reason?: string;
}

export interface MiroErrorBody {
  status: number;
  code: string;
  message: string;
  type: 'error';
  context?: { fields: FieldError[] };
}

export class MiroApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly FieldError[] | undefined;

  constructor(status: number, code: string, message: string, fields?: readonly FieldError[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  toBody(): MiroErrorBody {
    const body: MiroErrorBody = { status: this.status, code: this.code, message: this.message, type: 'error' };
    if (this.fields && this.fields.length > 0) body.context = { fields: this.fields.map((field) => ({ ...field })) };
    return body;
  }
}

/** 400 naming the offending field, as Miro does for invalid parameters. */
export function invalidParameter(field: string, message: string): MiroApiError {
  return new MiroApiError(400, 'invalidParameters', `Invalid parameters: ${field} ${message}`, [
    { field, message, reason: 'invalidValue' },
  ]);
}

export function notFound(what: string): MiroApiError {
  return new MiroApiError(404, 'notFound', `${what} not found`);
}
