/** The keystroke the LSP benchmarks time (bench/lsp.ts, bench/workspace.ts). */
import { performance } from 'node:perf_hooks';
import type { Doc, TestClient } from '../test/lsp/client';

/** A character typed at the start of line 3 when `k` is even, the one typed deleted when odd → its diagnostics, in ms. */
export async function keystroke(client: TestClient, doc: Doc, k: number): Promise<number> {
  const at = { line: 2, character: 0 };
  const typed = k % 2 === 0;
  const since = client.mark();
  const t = performance.now();
  const version = await doc.edit([{ range: typed ? { start: at, end: at } : { start: at, end: { line: 2, character: 1 } }, newText: typed ? '本' : '' }]);
  await client.waitForDiagnostics(doc.uri, (p) => p.version === version, since, 120_000);
  return performance.now() - t;
}
