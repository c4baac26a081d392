/**
 * A binary min-heap of numbers keyed by priority; equal keys come out in insertion order, so searches that
 * use it (the router's A*) are deterministic.
 */
export class MinHeap {
  private readonly items: Array<{ key: number; seq: number; value: number }> = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, value: number): void {
    const items = this.items;
    items.push({ key, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const a = items[i];
      const b = items[parent];
      if (!a || !b || !less(a, b)) break;
      items[i] = b;
      items[parent] = a;
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const mi = items[m];
        const li = items[l];
        const ri = items[r];
        if (li && mi && less(li, mi)) m = l;
        const mm = items[m];
        if (ri && mm && less(ri, mm)) m = r;
        if (m === i) break;
        const a = items[i];
        const b = items[m];
        if (!a || !b) break;
        items[i] = b;
        items[m] = a;
        i = m;
      }
    }
    return top.value;
  }
}

function less(a: { key: number; seq: number }, b: { key: number; seq: number }): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}
