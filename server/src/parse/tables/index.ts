/** The table readers, one a table: each reads the lines of its section and finds its standard table by label text. */
export { readTable2, isTable2Of2019 } from './table2';
export { readTable3 } from './table3';
export { readTable4 } from './table4';
