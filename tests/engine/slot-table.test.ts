import { describe, expect, it } from 'vitest';
import { contentHash } from '../../lib/engine/normalize.ts';
import { SlotTable } from '../../lib/engine/slot-table.ts';
import { statements } from './helpers.ts';

describe('slot table', () => {
  const docs = statements();
  const rows = docs.map((d, i) => ({ id: d.id, hash: contentHash(d.text), day: 19000 + i, tokens: 100 + i, lang: d.lang ?? '' }));

  it('gives back every field it was given, across growth, compaction and a stored copy', () => {
    const table = new SlotTable(2);
    for (const row of rows) table.push(row);
    table.push({ ...rows[0]!, id: 'S01-again' });
    table.push({ id: 'X', hash: 'not a hex hash', day: -5, tokens: 0, lang: 'az-Cyrl' });
    // Ids are any string: non-ASCII, and even a lone surrogate, come back unchanged.
    table.push({ id: 'Ərizə-\ud800-№5', hash: rows[1]!.hash, day: 0, tokens: 1, lang: '' });
    const read = (t: SlotTable, s: number) => ({ id: t.id(s), hash: t.hash(s), day: t.day(s), tokens: t.tokens(s), lang: t.lang(s) });
    for (const [s, row] of rows.entries()) expect(read(table, s)).toEqual(row);
    expect(table.id(rows.length + 2)).toBe('Ərizə-\ud800-№5');
    expect(table.hash(rows.length + 1)).toMatch(/^[0-9a-f]{16}$/);
    expect(table.lang(rows.length + 1)).toBe('az-Cyrl');

    const parts = table.toParts();
    expect(parts.ids.units).toBeInstanceOf(Uint16Array);
    const copy = SlotTable.fromParts(parts.ids, [...parts.langs], parts.columns);
    for (let s = 0; s < table.length; s++) expect(read(copy, s)).toEqual(read(table, s));

    // Drop slot 1 and renumber.
    const remap = Int32Array.from({ length: table.length }, (_, s) => (s === 1 ? -1 : s > 1 ? s - 1 : s));
    const compacted = copy.compacted(remap, table.length - 1);
    expect(compacted.length).toBe(table.length - 1);
    expect(read(compacted, 1)).toEqual(read(table, 2));
    // A stored copy grows into new arrays and leaves the stored columns as they were.
    copy.push({ id: 'Y', hash: rows[2]!.hash, day: 1, tokens: 1, lang: 'en' });
    expect(parts.columns.days.length).toBe(table.length);
    expect(copy.sameHashOfEach([copy.length - 1], () => true)[0]).toEqual([2]);
  });

  it('finds the other slots with the same content hash, and only those the caller keeps', () => {
    const table = new SlotTable();
    for (const row of rows) table.push(row);
    expect(table.sameHashOfEach([3], () => true)[0]).toEqual([]);
    // Rows added after a query are found by the next one.
    const twin = table.push({ ...rows[3]!, id: 'twin' });
    expect(table.sameHashOfEach([3], () => true)[0]).toEqual([twin]);
    expect(table.sameHashOfEach([twin], () => true)[0]).toEqual([3]);
    expect(table.sameHashOfEach([3], (s) => s !== twin)[0]).toEqual([]);
    expect(table.sameHashOfEach([0], () => true)[0]).toEqual([]);
  });

  it('answers for several slots at once, each list as it is for the slot asked alone', () => {
    const table = new SlotTable();
    for (const row of rows) table.push(row);
    const twins = [table.push({ ...rows[3]!, id: 'twin' }), table.push({ ...rows[0]!, id: 'twin0' }), table.push({ ...rows[3]!, id: 'twin3b' })];
    const asked = [3, 0, twins[2]!, 1, 3];
    expect(table.sameHashOfEach(asked, () => true)).toEqual(asked.map((s) => table.sameHashOfEach([s], () => true)[0]));
    expect(table.sameHashOfEach(asked, () => true)[0]).toEqual([twins[0], twins[2]]);
    expect(table.sameHashOfEach([], () => true)).toEqual([]);
  });

  it('answers as a comparison of every row would, in a table of many rows', () => {
    const table = new SlotTable();
    for (let copy = 0; copy < 40; copy++) for (const row of rows.slice(copy % 3)) table.push({ ...row, id: `${row.id}-${copy}` });
    const all = Array.from({ length: table.length }, (_, s) => s);
    const odd = (s: number) => s % 2 === 1;
    const expected = all.map((slot) => all.filter((s) => s !== slot && table.hash(s) === table.hash(slot) && odd(s)));
    expect(table.sameHashOfEach(all, odd)).toEqual(expected);
    expect(expected.some((list) => list.length > 1)).toBe(true);
  });

  it('refuses stored columns that do not match the ids', () => {
    const table = new SlotTable();
    for (const row of rows) table.push(row);
    const { ids, langs, columns } = table.toParts();
    expect(ids.units).toBeInstanceOf(Uint8Array); // all ASCII: one byte a character
    expect(() => SlotTable.fromParts({ units: ids.units, ends: ids.ends.subarray(1) }, langs, columns)).toThrow(/damaged/);
    expect(() => SlotTable.fromParts({ units: ids.units.subarray(1), ends: ids.ends }, langs, columns)).toThrow(/damaged/);
  });
});
