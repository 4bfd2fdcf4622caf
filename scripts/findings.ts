// Debug aid: print the findings for files.  npx tsx scripts/findings.ts <file…>
import { readFileSync } from 'node:fs';
import { analyzeText } from '../server/src/index';
for (const file of process.argv.slice(2)) {
  const a = analyzeText(readFileSync(file, 'utf8'));
  console.log(`== ${file} (${a.findings.length})`);
  for (const f of a.findings) console.log(`${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.code}  ${f.message.zh}`);
}
