import { describe, expect, it } from 'vitest';
import {
  connectorRequest,
  frameRequest,
  strokeCap,
  tableBulkItem,
  tableContent,
  tableShapeRequest,
  titleContent,
} from '../../src/board/items.js';
import { readSignature, signatureText } from '../../src/board/signature.js';
import { canonicalMiroText, decodeSignature, encodeSignature, escapeMiroHtml } from '../../src/board/item-text.js';
import { buildTestScene, shopRelations, shopTables } from './scenes.js';

describe('Miro text', () => {
  it('escapes markup so names cannot inject tags', () => {
    expect(escapeMiroHtml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
  });

  it('round-trips signatures, including non-ASCII table names', () => {
    for (const payload of ['t:public.film', 'f:Straße', 't:"weird schema".表']) {
      const text = `<p>before${encodeSignature(payload)}after</p>`;
      expect(decodeSignature(text)).toBe(payload);
    }
    expect(decodeSignature('<p>no signature here</p>')).toBeNull();
    // A signature Miro returns with its characters as numeric entities still reads.
    const entityEncoded = [...encodeSignature('t:x.y')].map((ch) => `&#${ch.codePointAt(0)};`).join('');
    expect(decodeSignature(entityEncoded)).toBe('t:x.y');
  });

  it('ignores a signature damaged by an edit', () => {
    const signature = encodeSignature('t:public.film');
    const damaged = signature.slice(0, 5) + signature.slice(6);
    expect(decodeSignature(damaged)).toBeNull();
  });

  it('compares content the way it reads, whatever HTML Miro returns', () => {
    const ours = '<p><strong>film</strong></p><p>PK&nbsp;id&nbsp;&nbsp;integer</p>';
    const miros = '<p><b>film</b></p>\n<p>PK\u00a0id\u00a0\u00a0integer</p>';
    expect(canonicalMiroText(ours)).toBe(canonicalMiroText(miros));
    expect(canonicalMiroText(ours)).not.toBe(canonicalMiroText('<p>film</p><p>PK id integer</p>'));
  });
});

describe('table shapes', () => {
  const scene = buildTestScene(shopTables(), shopRelations());
  const orderLine = scene.tables.find((t) => t.id === 'public.order_line')!;

  it('writes the header, then one aligned monospace line per row with markers and types', () => {
    const lines = canonicalMiroText(tableContent(orderLine)).split('\n');
    expect(lines[0]).toContain('order_line');
    expect(lines.slice(1)).toEqual([
      'PF order_id    integer',
      'PK line        integer',
      'FK product_id  integer',
      '   quantity    integer',
    ]);
    // Every type starts in the same column: the attach points' rows read as a table.
    const typeColumns = new Set(lines.slice(1).map((line) => line.indexOf('integer')));
    expect(typeColumns.size).toBe(1);
  });

  it('carries a signature naming the table, which survives a text edit elsewhere', () => {
    const content = tableContent(orderLine);
    expect(readSignature(content)).toEqual({ kind: 'table', tableId: 'public.order_line' });
    expect(readSignature(content.replace('quantity', 'qty (edited)'))).toEqual({ kind: 'table', tableId: 'public.order_line' });
  });

  it('is exactly the scene box, monospace, positioned by its centre (frame-relative in a frame)', () => {
    const request = tableShapeRequest(orderLine, { box: orderLine.box });
    expect(request.geometry).toEqual({ width: orderLine.box.width, height: orderLine.box.height });
    expect(request.position).toEqual({ x: orderLine.box.x + orderLine.box.width / 2, y: orderLine.box.y + orderLine.box.height / 2 });
    expect(request.style?.fontFamily).toBe('roboto_mono');
    expect(request.style?.textAlign).toBe('left');
    const inFrame = tableShapeRequest(orderLine, { box: orderLine.box, parent: { id: '42', topLeft: { x: -100, y: -50 } } });
    expect(inFrame.parent).toEqual({ id: '42' });
    expect(inFrame.position).toEqual({ x: request.position!.x + 100, y: request.position!.y + 50 });
    expect(tableBulkItem(orderLine, { box: orderLine.box })).toMatchObject({ type: 'shape', data: request.data });
  });

  it('escapes column names and types', () => {
    const tricky = buildTestScene([{ name: 'x<y>', columns: ['pk a&b integer', 'c text'] }]).tables[0]!;
    const content = tableContent(tricky);
    expect(content).toContain('x&lt;y&gt;');
    expect(content).toContain('a&amp;b');
    expect(content).not.toContain('<y>');
  });
});

describe('connectors', () => {
  const scene = buildTestScene(shopTables(), shopRelations());

  it('maps crow’s-foot markers to Miro ERD caps', () => {
    expect(strokeCap('zero_or_many')).toBe('erd_zero_or_many');
    expect(strokeCap('exactly_one')).toBe('erd_only_one');
    expect(strokeCap('zero_or_one')).toBe('erd_zero_or_one');
    expect(strokeCap('none')).toBe('none');
  });

  it('attaches at the FK row of the referencing table (start) and the key row of the referenced one', () => {
    const connector = scene.connectors.find((c) => c.from === 'public.orders')!;
    const request = connectorRequest(connector, 'A', 'B');
    expect(request.startItem).toEqual({ id: 'A', position: { x: `${connector.fromAttach.x * 100}%`, y: `${Math.round(connector.fromAttach.y * 10_000) / 100}%` } });
    expect(request.endItem.id).toBe('B');
    expect(request.shape).toBe('elbowed');
    expect(request.style).toMatchObject({ startStrokeCap: 'erd_zero_or_many', endStrokeCap: 'erd_only_one', strokeStyle: 'normal' });
  });
});

describe('frames and title', () => {
  it('signs frames and the title', () => {
    const scene = buildTestScene([
      { schema: 'billing', name: 'invoice', columns: ['pk id integer'] },
      { schema: 'public', name: 'customer', columns: ['pk id integer'] },
    ]);
    const frame = scene.frames[0]!;
    const request = frameRequest(frame, frame.box);
    expect(readSignature(request.data?.title)).toEqual({ kind: 'frame', schema: 'billing' });
    expect(request.data?.title?.startsWith('billing')).toBe(true);
    expect(readSignature(titleContent(scene.title))).toEqual({ kind: 'title' });
    expect(signatureText({ kind: 'title' })).not.toMatch(/[\x20-\x7e]/);
  });
});
