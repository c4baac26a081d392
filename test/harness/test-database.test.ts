/**
 * The test harness's own promises: the container path can run on this Node (testcontainers and its
 * undici load), and when it is not taken, the harness says why.
 */
import { describe, expect, it } from 'vitest';
import { containerSkippedBecause, findServer } from '../support/database.js';

describe('the test database harness', () => {
  it('loads testcontainers on this Node', async () => {
    const module = await import('testcontainers');
    expect(typeof module.GenericContainer).toBe('function');
    expect(typeof module.Wait.forLogMessage).toBe('function');
  });

  it('records why no container is used, or uses one', async () => {
    const server = await findServer();
    if (server?.origin === 'testcontainers' || server?.origin === 'TEST_DATABASE_URL' || process.env.TEST_DATABASE === 'pglite') return;
    expect(containerSkippedBecause()).toMatch(/^(no Docker engine answers at \S+|testcontainers does not load|the postgres:15 container did not start)/);
  });
});
