import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumStatus } from './preview-page.js';

describe('whether the browser test may skip', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('requires Chromium under CI and lets a developer machine skip', () => {
    vi.stubEnv('CI', 'true');
    expect(chromiumStatus().required).toBe(true);
    vi.stubEnv('CI', '1');
    expect(chromiumStatus().required).toBe(true);
    vi.stubEnv('CI', 'false');
    expect(chromiumStatus().required).toBe(false);
    vi.stubEnv('CI', '');
    expect(chromiumStatus().required).toBe(false);
  });
});
