/** The engine's public surface: what the tests use. */
export * from './engine/analyze';
export { applyEdits } from './engine/edits';
export { fixAll, proveFix } from './engine/fix';
export { parseReport } from './parse/report';
export { CHECKS } from './checks';
export type * from './model/report';
export { LineIndex } from './parse/text';
