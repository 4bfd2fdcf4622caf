/** The Table 2 reader: rows 规章 … 行政事业性收费, in the 2021 layout or the 2019 one. */
import { TABLE2, TABLE2_2019, type Table2Layout } from '../../format/standard';
import type { ReadProblem, ReadTable, TableRow } from '../../model/report';
import { TABLE_LABELS, TABLE_LABELS_2019 } from '../labels';
import type { Line } from '../lines';
import { normalizeLabel, type LineIndex } from '../text';
import { finishTable, toCells } from './cells';
import { scanLabelledRows, type RowOrder } from './scan';

/** Per row: how many cells, and which of them may be decimal or negative. */
interface RowShape {
  width: number;
  decimal: boolean[];
  signed: boolean[];
}

function shapesOf(layout: Table2Layout): Map<string, RowShape> {
  return new Map(
    layout.blocks.flatMap((b) =>
      b.rows.map((r) => [r.key, { width: b.columns.length, decimal: b.columns.map((c) => !!c.decimal), signed: b.columns.map((c) => !!c.signed) }] as const),
    ),
  );
}

const LAYOUTS = { '2021': TABLE2, '2019': TABLE2_2019 } as const;
const SHAPES = { '2021': shapesOf(TABLE2), '2019': shapesOf(TABLE2_2019) } as const;
const ORDERS: Record<'2021' | '2019', RowOrder> = {
  '2021': { keys: TABLE2.blocks.flatMap((b) => b.rows.map((r) => r.key)), width: (key) => SHAPES['2021'].get(key)?.width ?? 3 },
  '2019': { keys: TABLE2_2019.blocks.flatMap((b) => b.rows.map((r) => r.key)), width: (key) => SHAPES['2019'].get(key)?.width ?? 3 },
};

/**
 * Read Table 2 (rows 规章 … 行政事业性收费) from a section's lines — in the
 * 2019 trial layout (other columns, two more rows, a fifth block) when asked.
 */
export function readTable2(lines: Line[], index: LineIndex, format: '2021' | '2019' = '2021'): ReadTable | undefined {
  const shapes = SHAPES[format];
  const candidates = format === '2019' ? TABLE_LABELS_2019.t2 : TABLE_LABELS.t2;
  const scan = scanLabelledRows(lines, candidates, { order: ORDERS[format] });
  if (scan.rows.length === 0) return undefined;
  const rows = new Map<string, TableRow>();
  const problems: ReadProblem[] = [];
  for (const draft of scan.rows) {
    if (rows.has(draft.key)) continue;
    const shape = shapes.get(draft.key) ?? { width: 1, decimal: [false], signed: [false] };
    const cells = toCells(draft, shape.width, 'keep-first', problems, index, { decimal: shape.decimal, signed: shape.signed });
    rows.set(draft.key, { key: draft.key, label: draft.label, cells });
  }
  const table = finishTable('t2', scan, rows, problems, index, lines);
  table.format = format;
  return table;
}

/** True when a section's text shows Table 2 laid out in the 2019 format. */
export function isTable2Of2019(lines: Line[]): boolean {
  const text = lines.map((l) => normalizeLabel(l.span.text)).join('');
  return TABLE2_2019_ONLY.some((marker) => text.includes(marker));
}

/**
 * Labels only the 2019 Table 2 has, normalised: those that are no part of a
 * 2021 label (处理决定数量 is inside 本年处理决定数量, 规范性文件 inside 行政规范性文件).
 */
const TABLE2_2019_ONLY = (() => {
  const labels = (layout: Table2Layout) => layout.blocks.flatMap((b) => [b.article, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]).map(normalizeLabel);
  const labels2021 = labels(LAYOUTS['2021']);
  return [...new Set(labels(LAYOUTS['2019']).filter((l) => !labels2021.some((m) => m.includes(l))))];
})();
