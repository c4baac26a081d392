import { SchemaToMiroError, type ErrorKind } from '../errors.js';

/**
 * A Miro call that failed for good, with a one-line message that names the cause. It stays a
 * `SchemaToMiroError` (the CLI maps its kind to an exit code) and also carries the HTTP status and the
 * operation, so the sync can tell "this item is gone" (404) from other failures without parsing text.
 * No message ever contains an access token: whatever Miro said is passed through `redact` first.
 */
export class MiroCallError extends SchemaToMiroError {
  /** The HTTP status Miro answered with; null when no answer came. */
  readonly status: number | null;
  readonly operationId: string;
  /** Miro's error `code` (e.g. `invalidParameters`), when it sent one. */
  readonly miroCode: string | null;
  /** True when a create may or may not have been applied (the connection dropped after the request went out). */
  readonly outcomeUnknown: boolean;

  constructor(
    kind: ErrorKind,
    message: string,
    details: { status: number | null; operationId: string; miroCode?: string | null; outcomeUnknown?: boolean },
  ) {
    super(kind, message);
    this.status = details.status;
    this.operationId = details.operationId;
    this.miroCode = details.miroCode ?? null;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/** What the messages need to know about the failed call. */
export interface CallDescription {
  operationId: string;
  method: string;
  /** `boards:read` / `boards:write`, from the operation table. */
  requiredScope: string | null;
  pathParams: Readonly<Record<string, string>>;
  /** Where the token came from (`MIRO_ACCESS_TOKEN`, `--token`, `stored login …`), never the token. */
  credentialsOrigin: string;
  /** API host, for "could not reach" messages. */
  apiHost: string;
}

/** Miro's error body: `{ status, code, message, type: 'error', context?: { fields: [{ field, message }] } }`. */
export interface MiroErrorDetails {
  code: string | null;
  message: string | null;
  fields: Array<{ field: string; message: string }>;
}

export function readMiroError(body: unknown): MiroErrorDetails {
  const record = isRecord(body) ? body : {};
  const context = isRecord(record['context']) ? record['context'] : {};
  const rawFields = Array.isArray(context['fields']) ? context['fields'] : [];
  const fields = rawFields.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry['field'] === 'string' && typeof entry['message'] === 'string'
      ? [{ field: entry['field'], message: entry['message'] }]
      : [],
  );
  return {
    code: typeof record['code'] === 'string' ? record['code'] : null,
    message: typeof record['message'] === 'string' ? record['message'] : null,
    fields,
  };
}

/** The error for a final HTTP answer that is not a success (after retries and the 401 refresh, if any). */
export function errorForStatus(
  call: CallDescription,
  status: number,
  miro: MiroErrorDetails,
  attempts: number,
  redact: (text: string) => string,
): MiroCallError {
  const details = { status, operationId: call.operationId, miroCode: miro.code };
  const said = miroSaid(miro, redact);
  const what = `${call.operationId}${onBoard(call)}`;
  switch (true) {
    case status === 401:
      return new MiroCallError('miro_auth', `Miro rejected the access token from ${call.credentialsOrigin}: invalid or expired`, details);
    case status === 403: {
      const scope = call.requiredScope ?? (call.method === 'GET' ? 'boards:read' : 'boards:write');
      const access = call.method === 'GET' ? 'open' : 'edit';
      return new MiroCallError(
        'miro_auth',
        `Miro refused ${what}: the access token from ${call.credentialsOrigin} lacks the scope ${scope}, or its user may not ${access} this board${said ? ` (Miro: ${said})` : ''}`,
        details,
      );
    }
    case status === 404:
      return new MiroCallError('miro', notFoundMessage(call), details);
    case status === 429:
      return new MiroCallError(
        'miro',
        `Miro kept answering 429 Too Many Requests to ${what} after ${attempts} attempts: the token's credit budget is being spent elsewhere too; try again in a minute`,
        details,
      );
    case status >= 500:
      return new MiroCallError('miro', `Miro kept failing ${what}: HTTP ${status} after ${attempts} attempts${said ? ` (${said})` : ''}`, details);
    case status === 400:
      return new MiroCallError('miro', `Miro rejected ${what}: ${said || 'malformed request (HTTP 400)'}`, details);
    default:
      return new MiroCallError('miro', `Miro answered HTTP ${status} to ${what}${said ? `: ${said}` : ''}`, details);
  }
}

/** No answer came, and retrying is over or not safe. */
export function errorForNetwork(
  call: CallDescription,
  code: string,
  attempts: number,
  outcomeUnknown: boolean,
): MiroCallError {
  const what = `${call.operationId}${onBoard(call)}`;
  const details = { status: null, operationId: call.operationId, outcomeUnknown };
  if (outcomeUnknown) {
    return new MiroCallError(
      'miro',
      `the connection to Miro dropped during ${what} before an answer came (${code}); the item may or may not have been created: run again, the sync reads the board first and reconciles`,
      details,
    );
  }
  return new MiroCallError('miro', `could not reach Miro at ${call.apiHost} for ${what}: ${code} after ${attempts} attempts`, details);
}

/** A 2xx answer whose body is not what Miro sends. */
export function errorForBadBody(call: Pick<CallDescription, 'operationId' | 'pathParams'>, status: number, problem: string): MiroCallError {
  return new MiroCallError('miro', `Miro answered ${call.operationId}${onBoard(call)} with ${problem} (HTTP ${status})`, {
    status,
    operationId: call.operationId,
  });
}

function notFoundMessage(call: CallDescription): string {
  const board = call.pathParams['board_id'];
  const item = call.pathParams['item_id'] ?? call.pathParams['connector_id'];
  const noun = call.pathParams['connector_id'] !== undefined ? 'connector' : 'item';
  if (board !== undefined && item !== undefined) {
    return `Miro found no ${noun} ${item} on board ${board} (or the board is not shared with this token's user)`;
  }
  if (board !== undefined) return `board ${board} not found or not shared with this token's user`;
  return `Miro answered 404 Not Found to ${call.operationId}`;
}

function onBoard(call: Pick<CallDescription, 'pathParams'>): string {
  const board = call.pathParams['board_id'];
  return board === undefined ? '' : ` on board ${board}`;
}

/** Miro's own words, on one line, capped, with any token removed. */
function miroSaid(miro: MiroErrorDetails, redact: (text: string) => string): string {
  const parts: string[] = [];
  if (miro.message) parts.push(miro.message);
  // Field details Miro's message does not already spell out.
  const untold = miro.fields.filter((field) => !(miro.message?.includes(field.field) && miro.message.includes(field.message)));
  const fields = untold.slice(0, 3).map((field) => `${field.field}: ${field.message}`);
  if (untold.length > 3) fields.push(`and ${untold.length - 3} more`);
  if (fields.length > 0) parts.push(`(${fields.join('; ')})`);
  const line = redact(parts.join(' ')).replace(/\s+/g, ' ').trim();
  return line.length > 400 ? `${line.slice(0, 397)}...` : line;
}

/** Replaces every occurrence of the given secrets; empty strings are ignored. */
export function redactor(secrets: Iterable<string>): (text: string) => string {
  const list = [...secrets].filter((secret) => secret.length > 0);
  return (text) => list.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
