import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_PATH, generateMiroSpecFiles, OUTPUT_DIR } from '../../scripts/generate-miro-spec.js';
import { matchMiroOperation, miroOperation, MIRO_OPERATIONS, operationCredits } from '../../src/miro/openapi/index.js';

const sharedPresent = existsSync(DEFAULT_SOURCE_PATH);

describe('generated Miro spec', () => {
  it.skipIf(!sharedPresent)('committed files equal a fresh generation from ../shared/miro/openapi.json', async () => {
    const files = await generateMiroSpecFiles(
      readFileSync(DEFAULT_SOURCE_PATH, 'utf8'),
      readFileSync(DEFAULT_SOURCE_PATH.replace(/openapi\.json$/, 'LICENSE'), 'utf8'),
    );
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(`${OUTPUT_DIR}/${name}`, 'utf8'), `${name} is stale: run npm run gen:miro-spec`).toBe(content);
    }
  });
  if (!sharedPresent) it.skip(`../shared/miro/openapi.json is absent (${DEFAULT_SOURCE_PATH}): freshness not checked`, () => {});

  it('says where the subset comes from and under which license', () => {
    const subset = JSON.parse(readFileSync(`${OUTPUT_DIR}/miro-api.subset.json`, 'utf8'));
    expect(subset.info['x-source']).toMatchObject({ repository: 'https://github.com/miroapp/api-clients', commit: '3a2506b6' });
    expect(subset['x-generated-from']).toMatch(/MIT.*generate-miro-spec\.ts/);
    expect(readFileSync(`${OUTPUT_DIR}/LICENSE.miro`, 'utf8')).toContain('MIT License');
    expect(readFileSync(`${OUTPUT_DIR}/types.ts`, 'utf8').split('\n')[0]).toContain('generate-miro-spec.ts');
  });

  it('tables every kept operation with its level and credits', () => {
    expect(MIRO_OPERATIONS).toHaveLength(27);
    expect(miroOperation('create-shape-item')).toMatchObject({ method: 'POST', rateLimitLevel: 2, credits: 100, requiredScope: 'boards:write' });
    expect(miroOperation('get-specific-item')).toMatchObject({ method: 'GET', rateLimitLevel: 1, credits: 50, requiredScope: 'boards:read' });
    expect(miroOperation('delete-connector')).toMatchObject({ rateLimitLevel: 3, credits: 500 });
    expect(miroOperation('create-board')).toMatchObject({ rateLimitLevel: 3, credits: 500 });
    expect(operationCredits(miroOperation('create-items'), 20)).toBe(2000);
    expect(operationCredits(miroOperation('create-text-item'), 20)).toBe(100);
    expect(miroOperation('token-info')).toMatchObject({ rateLimitLevel: null, credits: 0 });
  });

  it('matches request paths to operations, preferring literal segments', () => {
    expect(matchMiroOperation('POST', '/v2/boards/uXjV%3D/items/bulk')?.match?.operation.operationId).toBe('create-items');
    expect(matchMiroOperation('PATCH', '/v2/boards/b/items/12')?.match).toMatchObject({
      operation: { operationId: 'update-item-position-or-parent' },
      pathParams: { board_id: 'b', item_id: '12' },
    });
    expect(matchMiroOperation('GET', '/v2/boards/uXjV%3D')?.match?.pathParams).toEqual({ board_id: 'uXjV=' });
    expect(matchMiroOperation('PUT', '/v2/boards/b/shapes/1')).toEqual({ match: undefined, allowedMethods: ['DELETE', 'GET', 'PATCH'] });
    expect(matchMiroOperation('GET', '/v2/boards/b/stickers')).toBeUndefined();
  });
});
