/**
 * Junction tables (referencing, never referenced) between the tables they join: the layered pass reverses
 * one of their relations when that removes crossings, as in chinook's invoice_line and playlist_track.
 */
import { describe, expect, it } from 'vitest';
import { layoutLayered } from '../../src/layout/placement/elk-layered.js';
import { countRouteCrossings, countStraightCrossings, edgeBoxOverlaps, layoutDiagram } from '../../src/layout/index.js';
import { junctionReversals } from '../../src/layout/placement/junctions.js';
import { measureTable, tableHeaderText } from '../../src/layout/measure.js';
import { countCrossings } from '../../src/layout/metrics/metrics.js';
import type { Diagram, DiagramRelation, DiagramTable } from '../../src/model/diagram.js';
import { expectValidLayout } from './support/layout-invariants.js';

function table(name: string, columns: string[]): DiagramTable {
  return {
    id: `public.${name}`,
    schema: 'public',
    name,
    kind: 'table',
    comment: null,
    hiddenColumns: 0,
    rows: columns.map((column, i) => ({ column, label: column, type: 'integer', nullable: false, key: i === 0 ? 'pk' : 'fk' })),
  };
}

function fk(from: DiagramTable, column: string, to: DiagramTable): DiagramRelation {
  return {
    id: `${from.id}.${column}_fkey`,
    kind: 'foreign_key',
    from: from.id,
    to: to.id,
    fromColumns: [column],
    toColumns: ['id'],
    fromEnd: 'zero_or_many',
    toEnd: 'exactly_one',
    fromRow: from.rows.findIndex((r) => r.column === column),
    toRow: 0,
  };
}

/** Chinook's shape: two junctions share `track`; their other targets lie on opposite sides of it. */
function chinookLike(): Diagram {
  const artist = table('artist', ['id', 'name']);
  const album = table('album', ['id', 'title', 'artist_id']);
  const genre = table('genre', ['id', 'name']);
  const media = table('media_type', ['id', 'name']);
  const track = table('track', ['id', 'name', 'album_id', 'media_type_id', 'genre_id', 'milliseconds']);
  const playlist = table('playlist', ['id', 'name']);
  const playlistTrack = table('playlist_track', ['playlist_id', 'track_id']);
  const employee = table('employee', ['id', 'name', 'reports_to']);
  const customer = table('customer', ['id', 'name', 'email', 'support_rep_id']);
  const invoice = table('invoice', ['id', 'customer_id', 'total']);
  const invoiceLine = table('invoice_line', ['id', 'invoice_id', 'track_id', 'unit_price', 'quantity']);
  const tables = [album, artist, customer, employee, genre, invoice, invoiceLine, media, playlist, playlistTrack, track];
  const relations = [
    fk(album, 'artist_id', artist),
    fk(customer, 'support_rep_id', employee),
    fk(employee, 'reports_to', employee),
    fk(invoice, 'customer_id', customer),
    fk(invoiceLine, 'invoice_id', invoice),
    fk(invoiceLine, 'track_id', track),
    fk(playlistTrack, 'playlist_id', playlist),
    fk(playlistTrack, 'track_id', track),
    fk(track, 'album_id', album),
    fk(track, 'genre_id', genre),
    fk(track, 'media_type_id', media),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { title: 'chinook-like', schemas: ['public'], tables, relations, droppedRelations: 0 };
}

describe('junction tables', () => {
  it('picks one relation per junction: the one at its first or last row', () => {
    const { relations } = chinookLike();
    expect([...junctionReversals(relations, 'first')].sort()).toEqual([
      'public.invoice_line.invoice_id_fkey',
      'public.playlist_track.playlist_id_fkey',
    ]);
    expect([...junctionReversals(relations, 'last')].sort()).toEqual([
      'public.invoice_line.track_id_fkey',
      'public.playlist_track.track_id_fkey',
    ]);
    // A table referenced by another is no junction, nor is one whose relations all reach one table.
    const a = table('a', ['id', 'x', 'y']);
    const b = table('b', ['id', 'a_id']);
    const c = table('c', ['id']);
    expect(junctionReversals([fk(a, 'x', c), fk(a, 'y', c)], 'first').size).toBe(0);
    expect(junctionReversals([fk(a, 'x', c), fk(a, 'y', b), fk(b, 'a_id', a)], 'first').size).toBe(0);
  });

  it('draws chinook without a crossing, which one flow direction for every relation cannot', async () => {
    const diagram = chinookLike();
    const sizes = diagram.tables.map((t) => ({ id: t.id, ...measureTable(t, tableHeaderText(t, 1)) }));
    const oneWay = await layoutLayered(sizes, diagram.relations, 'right');
    expect(countCrossings([...oneWay.routes.values()].map((r) => r.points))).toBeGreaterThan(0);

    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(countRouteCrossings(layout)).toBe(0);
    expect(countStraightCrossings(layout)).toBe(0);
    expect(edgeBoxOverlaps(layout)).toBe(0);
    // The reversed relation enters the junction from the other side: its target stands before the junction.
    const reversed = layout.relations.filter((r) => r.from === 'public.invoice_line');
    expect(new Set(reversed.map((r) => r.fromSide))).toEqual(new Set(['left', 'right']));
  });
});
