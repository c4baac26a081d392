import { describe, expect, it } from 'vitest';
import { errorForNetwork, errorForStatus, readMiroError, redactor, type CallDescription } from '../../src/miro/call-errors.js';

const SECRET = 'tok_live_5f0c1d2e3a';
const call: CallDescription = {
  operationId: 'update-shape-item',
  method: 'PATCH',
  requiredScope: 'boards:write',
  pathParams: { board_id: 'uXjVOD6LSME=', item_id: '3458764517517819000' },
  credentialsOrigin: '--token',
  apiHost: 'api.miro.com',
};
const noRedaction = (text: string) => text;

describe('readMiroError', () => {
  it("reads Miro's error body, with bulk field errors", () => {
    const body = {
      status: 400,
      code: 'invalidParameters',
      message: 'Invalid parameters',
      type: 'error',
      context: { fields: [{ field: '[3].data.shape', message: 'unknown shape', reason: 'invalidValue' }, { field: 7 }] },
    };
    expect(readMiroError(body)).toEqual({ code: 'invalidParameters', message: 'Invalid parameters', fields: [{ field: '[3].data.shape', message: 'unknown shape' }] });
  });

  it('copes with bodies that are not Miro errors', () => {
    expect(readMiroError(undefined)).toEqual({ code: null, message: null, fields: [] });
    expect(readMiroError('<html>Bad gateway</html>')).toEqual({ code: null, message: null, fields: [] });
  });
});

describe('errorForStatus', () => {
  it('adds field details that the message leaves out, at most three', () => {
    const fields = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ field: `[0].${name}`, message: 'is wrong' }));
    const error = errorForStatus(call, 400, { code: 'invalidParameters', message: 'Invalid parameters', fields }, 1, noRedaction);
    expect(error.message).toBe(
      'Miro rejected update-shape-item on board uXjVOD6LSME=: Invalid parameters ([0].a: is wrong; [0].b: is wrong; [0].c: is wrong; and 2 more)',
    );
  });

  it('removes the token from anything Miro said, and keeps the message on one line', () => {
    const error = errorForStatus(call, 400, { code: null, message: `bad header\nBearer ${SECRET}`, fields: [] }, 1, redactor([SECRET]));
    expect(error.message).toBe('Miro rejected update-shape-item on board uXjVOD6LSME=: bad header Bearer [redacted]');
  });

  it('maps statuses to kinds', () => {
    const none = { code: null, message: null, fields: [] };
    expect(errorForStatus(call, 401, none, 1, noRedaction).kind).toBe('miro_auth');
    expect(errorForStatus(call, 403, none, 1, noRedaction).kind).toBe('miro_auth');
    expect(errorForStatus(call, 404, none, 1, noRedaction).kind).toBe('miro');
    expect(errorForStatus(call, 409, none, 1, noRedaction).message).toBe('Miro answered HTTP 409 to update-shape-item on board uXjVOD6LSME=');
    expect(errorForStatus(call, 429, none, 6, noRedaction).message).toMatch(/^Miro kept answering 429 Too Many Requests to update-shape-item on board uXjVOD6LSME= after 6 attempts/);
  });

  it('asks for boards:read when a read is refused', () => {
    const read = { ...call, operationId: 'get-items', method: 'GET', requiredScope: 'boards:read', pathParams: { board_id: 'uXjVOD6LSME=' } };
    const error = errorForStatus(read, 403, { code: null, message: null, fields: [] }, 1, noRedaction);
    expect(error.message).toBe('Miro refused get-items on board uXjVOD6LSME=: the access token from --token lacks the scope boards:read, or its user may not open this board');
  });
});

describe('errorForNetwork', () => {
  it('says when a create may have happened', () => {
    const create = { ...call, operationId: 'create-connector', method: 'POST', pathParams: { board_id: 'uXjVOD6LSME=' } };
    const error = errorForNetwork(create, 'ECONNRESET', 1, true);
    expect(error).toMatchObject({ kind: 'miro', status: null, outcomeUnknown: true });
    expect(error.message).toMatch(/^the connection to Miro dropped during create-connector on board uXjVOD6LSME= before an answer came \(ECONNRESET\)/);
  });
});
