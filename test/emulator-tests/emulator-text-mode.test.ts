/**
 * The emulator's `normalising` text mode: item text stored the way a rich-text editor may store it,
 * answered so over HTTP; `verbatim` stores what was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePlainText, normaliseRichText, startMiroEmulator, textModeFromEnv } from '../../scripts/miro-emulator/index.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { api, TOKEN } from './http.js';

const INVISIBLE = '\u2063\u200b\u200c\u200d\u2060\u200e\u200f\u2061\u2064\ufeff\u00ad\u034f\u2063';

describe('normalising rich text', () => {
  it('drops default-ignorable characters, attributes and unknown tags; decodes entities; trims', () => {
    expect(normaliseRichText(`<p><strong>film</strong>${INVISIBLE}</p>`)).toBe('<p><strong>film</strong></p>');
    expect(normaliseRichText('<p class="x" style="color:red">a&nbsp;&nbsp;b &amp; &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>')).toBe(
      '<p>a\u00a0\u00a0b &amp; &lt;c&gt; "d" \'e\'</p>',
    );
    expect(normaliseRichText('  <div><span data-x="1">one</span></div>\n<p>  two  </p> ')).toBe('one<p>two</p>');
    expect(normaliseRichText('<p>a</p>\n  <p>b<br/>c</p>')).toBe('<p>a</p><p>b<br>c</p>');
    expect(normaliseRichText('<p>a &#x200B;b &#8203;c</p>')).toBe('<p>a b c</p>');
    // No-break spaces are content, not whitespace to trim.
    expect(normaliseRichText('<p>&nbsp;&nbsp;id</p>')).toBe('<p>\u00a0\u00a0id</p>');
  });

  it('trims frame titles and drops their invisible characters', () => {
    expect(normalisePlainText(` billing${INVISIBLE} `)).toBe('billing');
  });

  it('takes the mode from MIRO_EMULATOR_TEXT and refuses an unknown one', () => {
    expect(textModeFromEnv({})).toBe('verbatim');
    expect(textModeFromEnv({ MIRO_EMULATOR_TEXT: 'normalising' })).toBe('normalising');
    expect(() => textModeFromEnv({ MIRO_EMULATOR_TEXT: 'lossy' })).toThrow(/verbatim/);
  });
});

describe.each(['verbatim', 'normalising'] as const)('an emulator storing text %s', (textMode) => {
  let emulator: MiroEmulator;
  beforeAll(async () => {
    emulator = await startMiroEmulator({ textMode });
    emulator.tokens.issue(TOKEN);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers shapes, texts, frames and captions as it stored them, and keeps what was sent for tests', async () => {
    const board = (await api(emulator, 'POST', '/v2/boards', { name: 'text' })).body;
    const base = `/v2/boards/${encodeURIComponent(board.id)}`;
    const content = `<p><strong>film</strong>${INVISIBLE}</p><p>&nbsp;id</p>`;
    const shape = (await api(emulator, 'POST', `${base}/shapes`, { data: { shape: 'rectangle', content } })).body;
    const frame = (await api(emulator, 'POST', `${base}/frames`, { data: { title: `public${INVISIBLE}`, format: 'custom' } })).body;
    const other = (await api(emulator, 'POST', `${base}/shapes`, { data: { shape: 'circle', content: 'x' } })).body;
    const connector = (
      await api(emulator, 'POST', `${base}/connectors`, {
        startItem: { id: shape.id },
        endItem: { id: other.id },
        captions: [{ content: `<b class="x">fk</b>${INVISIBLE}` }],
      })
    ).body;
    const read = (await api(emulator, 'GET', `${base}/items/${shape.id}`)).body;
    const readFrame = (await api(emulator, 'GET', `${base}/items/${frame.id}`)).body;
    if (textMode === 'verbatim') {
      expect(read.data.content).toBe(content);
      expect(readFrame.data.title).toBe(`public${INVISIBLE}`);
      expect(connector.captions[0].content).toBe(`<b class="x">fk</b>${INVISIBLE}`);
    } else {
      expect(read.data.content).toBe('<p><strong>film</strong></p><p>\u00a0id</p>');
      expect(readFrame.data.title).toBe('public');
      expect(connector.captions[0].content).toBe('<b>fk</b>');
    }
    const updated = (await api(emulator, 'PATCH', `${base}/shapes/${shape.id}`, { data: { content: `<p>x${INVISIBLE}</p>` } })).body;
    expect(updated.data.content).toBe(textMode === 'verbatim' ? `<p>x${INVISIBLE}</p>` : '<p>x</p>');
    expect(emulator.boards.require(board.id).item(shape.id).sent.content).toBe(`<p>x${INVISIBLE}</p>`);
    expect(emulator.boards.textMode).toBe(textMode);
  });
});
