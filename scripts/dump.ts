// Debug aid: print what the reader makes of a file.  npx tsx scripts/dump.ts <file>
import { readFileSync } from 'node:fs';
import { parseReport } from '../server/src/parse/report';
const text = readFileSync(process.argv[2], 'utf8');
const r = parseReport(text);
console.log('title', r.title?.unit, r.title?.year, '| format', r.format, '| markers', r.oldFormatMarkers.map((m) => m.text));
for (const s of r.sections) console.log('section', s.spec.number, JSON.stringify(s.heading.span.text), s.heading.deviates ? 'DEV' : '', s.range.start.line, '-', s.range.end.line);
for (const [id, t] of Object.entries(r.tables)) {
  console.log(`== ${id} layout=${t!.layout} lines ${t!.range.start.line}-${t!.range.end.line} rows=${t!.rows.size}`);
  for (const row of t!.rows.values()) console.log('  ', row.key.padEnd(28), row.label.deviates ? '~' : ' ', row.cells.map((c) => (c.state === 'number' ? c.value : c.state[0] + ':' + (c.span?.text ?? ''))).join(' '));
  for (const l of t!.labels.filter((l) => l.deviates)) console.log('   label~', l.span.text, '→', l.canonical);
  for (const p of t!.problems) console.log('   problem', p.kind, p.reason, JSON.stringify(p.args));
}
console.log('prose blocks', r.prose.length);
