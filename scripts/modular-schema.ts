/**
 * The plan of a `modular` synthetic schema (synthetic-schema.ts writes its SQL): the shapes large real
 * schemas have and the shared ones lack.
 * - 3 or 4 hubs (`organizations`, `users`, ...) with 40 to 150 incoming relations each (at most 60% of
 *   the tables), spread over the first schemas like `public.organizations` and `auth.users`;
 * - the other tables in subject modules of 1 to about 30 tables (heavy-tailed: many small, a few large),
 *   each module in one schema, its tables referencing earlier tables of the module (mostly its root);
 * - a few references to other modules of the same schema, and cross-schema ones;
 * - self-references (`parent_id`) and stand-alone tables (the long tail of lookup and log tables).
 * Every reference points to an earlier table (or the table itself), so the CREATE TABLEs need no ALTER.
 */

export interface PlannedTable {
  schema: string;
  name: string;
  columnCount: number;
  isolated: boolean;
  /** Indexes (into the table list) of referenced tables, one entry per foreign key. */
  references: number[];
}

export interface ModularShape {
  tables: number;
  columnsPerTable: number;
  schemas: number;
}

export interface Names {
  table: (index: number) => string;
  schema: (index: number) => string;
}

const MIN_HUB_REFERENCES = 40;
const MAX_HUB_REFERENCES = 150;
const MAX_HUB_SHARE = 0.6;
const LARGEST_MODULE = 30;
const OTHER_MODULE_SHARE = 0.06;
const CROSS_SCHEMA_SHARE = 0.06;
const SELF_REFERENCE_SHARE = 0.05;
const SECOND_REFERENCE_SHARE = 0.25;
/** Share of hub references that come twice from one table (`owner_user_id` and `created_by_user_id`). */
const SECOND_ROLE_SHARE = 0.1;

export function planModularSchema(shape: ModularShape, random: () => number, names: Names): PlannedTable[] {
  const { tables: count, columnsPerTable, schemas } = shape;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const columns = (): number => Math.max(2, Math.round(columnsPerTable * (0.6 + random() * 0.8)));
  const hubCount = Math.min(count, random() < 0.5 ? 3 : 4);
  const planned: PlannedTable[] = [];
  for (let i = 0; i < hubCount; i++) {
    const schema = Math.min(schemas - 1, Math.max(0, i - 1));
    planned.push({ schema: names.schema(schema), name: names.table(i), columnCount: columns(), isolated: false, references: [] });
  }
  // Users belong to organizations, accounts to users: hubs reference earlier hubs.
  for (let i = 1; i < hubCount; i++) planned[i]?.references.push(i - 1);

  const modules: Array<{ schema: number; members: number[] }> = [];
  while (planned.length < count) {
    const size = Math.min(count - planned.length, 1 + Math.floor(LARGEST_MODULE * random() ** 2.5));
    const schema = Math.floor(random() * schemas);
    const members: number[] = [];
    for (let k = 0; k < size; k++) {
      const index = planned.length;
      const references: number[] = [];
      if (k > 0) {
        references.push(random() < 0.4 ? (members[0] as number) : (pick(members) as number));
        if (random() < SECOND_REFERENCE_SHARE) references.push(pick(members) as number);
      }
      const sameSchema = modules.filter((m) => m.schema === schema);
      const otherSchema = modules.filter((m) => m.schema !== schema);
      const roll = random();
      const elsewhere = roll < OTHER_MODULE_SHARE ? pick(sameSchema) : roll < OTHER_MODULE_SHARE + CROSS_SCHEMA_SHARE ? pick(otherSchema) : undefined;
      if (elsewhere) references.push(pick(elsewhere.members) as number);
      if (random() < SELF_REFERENCE_SHARE) references.push(index);
      planned.push({ schema: names.schema(schema), name: names.table(index), columnCount: columns(), isolated: false, references });
      members.push(index);
    }
    modules.push({ schema, members });
  }

  // The long tail: modules of one table with no reference stand alone, unless a hub picks them below.
  const candidates = planned.map((_, i) => i).filter((i) => i >= hubCount);
  for (let hub = 0; hub < hubCount; hub++) {
    const wanted = MIN_HUB_REFERENCES + Math.floor(random() * (MAX_HUB_REFERENCES - MIN_HUB_REFERENCES + 1));
    const target = Math.min(wanted, Math.floor(MAX_HUB_SHARE * count), candidates.length);
    const chosen = shuffled(candidates, random).slice(0, target);
    for (const from of chosen) {
      planned[from]?.references.push(hub);
      if (random() < SECOND_ROLE_SHARE) planned[from]?.references.push(hub);
    }
  }
  const referenced = new Set(planned.flatMap((t, i) => t.references.filter((r) => r !== i)));
  for (const [i, table] of planned.entries()) {
    table.isolated = table.references.length === 0 && !referenced.has(i);
  }
  return planned;
}

/** Fisher-Yates over a copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
