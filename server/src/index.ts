/** The engine's public surface: what the CLI, the server and the tests use. */
export * from './engine/analyze';
export { parseReport } from './parse/report';
export { CHECKS, checkByCode } from './checks';
export type * from './model/report';
export { LineIndex } from './parse/text';
