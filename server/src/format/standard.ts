/**
 * The standard annual report format (国办公开办函〔2021〕30号), as data.
 *
 * This module is the single source of truth for the format: sections, the three
 * standard tables, their rows and columns, the arithmetic rules and the markers
 * of the older 2019 format. Checks, quick-fixes, snippets, hover, the outline,
 * the TextMate grammar and the docs are all derived from it. Nothing else in the
 * project may spell out a table by hand.
 *
 * Source: 国办公开办函〔2021〕30号 and its 2019 predecessor, as the project brief's format notes (standard-format.md) describe them.
 */

export interface Text {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

type SectionNumber = 1 | 2 | 3 | 4 | 5 | 6;
export type TableId = 't2' | 't3' | 't4';

export interface TableSpec {
  id: TableId;
  /** How the report and the clerk refer to it: 表二 / Table 2. */
  short: Text;
  /** What it is about, as the section names it. */
  name: Text;
  /** The section it stands in. */
  section: SectionNumber;
  /** How many numbers it holds (2021 layout). */
  cells: number;
}

export const TABLES: Readonly<Record<TableId, TableSpec>> = {
  t2: { id: 't2', short: { zh: '表二', en: 'Table 2' }, name: { zh: '主动公开政府信息情况', en: 'proactive disclosure' }, section: 2, cells: 10 },
  t3: { id: 't3', short: { zh: '表三', en: 'Table 3' }, name: { zh: '收到和处理政府信息公开申请情况', en: 'requests received and handled' }, section: 3, cells: 175 },
  t4: { id: 't4', short: { zh: '表四', en: 'Table 4' }, name: { zh: '行政复议、行政诉讼情况', en: 'reconsideration and litigation' }, section: 4, cells: 15 },
};
export const TABLE_IDS: readonly TableId[] = ['t2', 't3', 't4'];

/** 表二（主动公开政府信息情况） / Table 2 (proactive disclosure). */
export function tableTitle(id: TableId): Text {
  const t = TABLES[id];
  return { zh: `${t.short.zh}（${t.name.zh}）`, en: `${t.short.en} (${t.name.en})` };
}

export interface SectionSpec {
  number: SectionNumber;
  /** Chinese numeral used in the heading, e.g. 二 */
  numeral: string;
  /** The canonical heading, verbatim. */
  heading: string;
  en: string;
  /** Words that identify the heading when its wording varies (all must occur). */
  keywords: string[];
  /** Wordings seen in published reports: accepted, canonical suggested. */
  variants: string[];
  /** The standard table that belongs in this section. */
  table?: TableId;
}

export const SECTIONS: readonly SectionSpec[] = [
  { number: 1, numeral: '一', heading: '一、总体情况', en: 'I. Overview', keywords: ['总体'], variants: [] },
  {
    number: 2,
    numeral: '二',
    heading: '二、主动公开政府信息情况',
    en: 'II. Proactive disclosure',
    keywords: ['主动公开'],
    variants: [],
    table: 't2',
  },
  {
    number: 3,
    numeral: '三',
    heading: '三、收到和处理政府信息公开申请情况',
    en: 'III. Disclosure requests received and handled',
    keywords: ['申请'],
    variants: [],
    table: 't3',
  },
  {
    number: 4,
    numeral: '四',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    en: 'IV. Administrative reconsideration and litigation',
    keywords: ['复议'],
    variants: ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    table: 't4',
  },
  {
    number: 5,
    numeral: '五',
    heading: '五、存在的主要问题及改进情况',
    en: 'V. Main problems and improvements',
    keywords: ['问题'],
    variants: ['五、政府信息公开工作存在的主要问题及改进情况', '五、存在问题及改进情况', '五、存在的主要问题及改进措施'],
  },
  {
    number: 6,
    numeral: '六',
    heading: '六、其他需要报告的事项',
    en: 'VI. Other matters to report',
    keywords: ['其他', '事项'],
    variants: ['六、其他事项', '六、其他报告的事项'],
  },
];

// ---------------------------------------------------------------------------
// Table 2 — 主动公开政府信息情况 (10 numbers), and its 2019 layout as a difference
// ---------------------------------------------------------------------------

interface T2Row {
  key: string;
  label: string;
  en: string;
  /** Labels accepted for this row besides the canonical one. */
  variants?: string[];
}

interface T2Column {
  label: string;
  en: string;
  variants?: string[];
  /** May be negative (the 2019 本年增/减). */
  signed?: boolean;
  /** May have decimals (amounts in 万元). */
  decimal?: boolean;
}

interface T2Block {
  /** 第二十条第（一）项 … */
  article: string;
  columns: T2Column[];
  rows: T2Row[];
}

/** How a 2021 block stands in the 2019 trial layout (国办公开办函〔2019〕60号): other columns, maybe other rows. */
interface T2BlockIn2019 {
  columns: T2Column[];
  /** Rows whose canonical wording was different in 2019, by key. */
  relabel?: Record<string, Pick<T2Row, 'label' | 'variants'>>;
  /** Rows only the 2019 block has, after the 2021 ones. */
  extraRows?: T2Row[];
}

/** The 2019 columns of the licensing and penalty blocks: items last year, change, decisions. */
const DECISIONS_2019: T2Column[] = [
  { label: '上一年项目数量', en: 'items last year' },
  { label: '本年增/减', en: 'change this year', signed: true },
  { label: '处理决定数量', en: 'decisions', variants: ['本年处理决定数量'] },
];

const TABLE2_BLOCKS: readonly (T2Block & { in2019: T2BlockIn2019 })[] = [
  {
    article: '第二十条第（一）项',
    columns: [
      { label: '本年制发件数', en: 'issued this year', variants: ['本年发件', '本年制发'] },
      { label: '本年废止件数', en: 'repealed this year', variants: ['本年度止件数', '本年废止'] },
      { label: '现行有效件数', en: 'in force', variants: ['现行有效件'] },
    ],
    rows: [
      { key: 'rules', label: '规章', en: 'Rules (规章)' },
      { key: 'normative', label: '行政规范性文件', en: 'Normative documents', variants: ['规范性文件'] },
    ],
    in2019: {
      columns: [
        { label: '本年新制作数量', en: 'made this year' },
        { label: '本年新公开数量', en: 'published this year' },
        { label: '对外公开总数量', en: 'published in total' },
      ],
      relabel: { normative: { label: '规范性文件', variants: ['行政规范性文件'] } },
    },
  },
  {
    article: '第二十条第（五）项',
    columns: [{ label: '本年处理决定数量', en: 'decisions this year' }],
    rows: [{ key: 'licensing', label: '行政许可', en: 'Administrative licensing' }],
    in2019: { columns: DECISIONS_2019, extraRows: [{ key: 'otherServices', label: '其他对外管理服务事项', en: 'Other external management services' }] },
  },
  {
    article: '第二十条第（六）项',
    columns: [{ label: '本年处理决定数量', en: 'decisions this year' }],
    rows: [
      { key: 'penalty', label: '行政处罚', en: 'Administrative penalties' },
      { key: 'coercion', label: '行政强制', en: 'Administrative coercion' },
    ],
    in2019: { columns: DECISIONS_2019 },
  },
  {
    article: '第二十条第（八）项',
    columns: [{ label: '本年收费金额（单位：万元）', en: 'fees collected (10k yuan)', decimal: true }],
    rows: [{ key: 'fees', label: '行政事业性收费', en: 'Administrative fees' }],
    in2019: {
      columns: [
        { label: '上一年项目数量', en: 'items last year' },
        { label: '本年增/减', en: 'change this year', signed: true },
      ],
    },
  },
];

/** The block only the 2019 layout has. */
const TABLE2_2019_EXTRA_BLOCKS: readonly T2Block[] = [
  {
    article: '第二十条第（九）项',
    columns: [
      { label: '采购项目数量', en: 'procurement items' },
      { label: '采购总金额', en: 'procurement amount', decimal: true },
    ],
    rows: [{ key: 'procurement', label: '政府集中采购', en: 'Government centralised procurement' }],
  },
];

export interface Table2Layout {
  id: 't2';
  format: '2021' | '2019';
  blocks: T2Block[];
}

/** Table 2 as the 2021 format lays it out. */
export const TABLE2: Table2Layout = {
  id: 't2',
  format: '2021',
  blocks: TABLE2_BLOCKS.map(({ article, columns, rows }) => ({ article, columns, rows })),
};

/**
 * Table 2 as the 2019 trial format lays it out: other columns, two more rows
 * (其他对外管理服务事项, 政府集中采购) and a fifth block (第二十条第（九）项). The
 * row keys the two formats share (rules … fees) are the same, so the rows every
 * report must have are found under the same keys; the cells are the 2019 columns.
 */
export const TABLE2_2019: Table2Layout = {
  id: 't2',
  format: '2019',
  blocks: [
    ...TABLE2_BLOCKS.map(({ article, rows, in2019 }) => ({
      article,
      columns: in2019.columns,
      rows: [...rows.map((r) => ({ ...r, ...(in2019.relabel?.[r.key] ?? {}) })), ...(in2019.extraRows ?? [])],
    })),
    ...TABLE2_2019_EXTRA_BLOCKS,
  ],
};

/** The first column of Table 2 (信息内容) and its header. */
export const T2_HEADER = '信息内容';

// ---------------------------------------------------------------------------
// Table 3 — 收到和处理政府信息公开申请情况 (25 rows × 7 columns)
// ---------------------------------------------------------------------------

export interface T3Column {
  key: string;
  label: string;
  en: string;
  variants?: string[];
}

export const T3_COLUMNS: readonly T3Column[] = [
  { key: 'natural', label: '自然人', en: 'Natural persons' },
  { key: 'business', label: '商业企业', en: 'Businesses' },
  { key: 'research', label: '科研机构', en: 'Research institutions' },
  { key: 'nonprofit', label: '社会公益组织', en: 'Non-profit organisations', variants: ['社会团体'] },
  { key: 'legal', label: '法律服务机构', en: 'Legal service institutions' },
  { key: 'others', label: '其他', en: 'Others' },
  { key: 'total', label: '总计', en: 'Total' },
];
/** Index of the 总计 column; the six before it are the applicant columns. */
export const T3_TOTAL_COLUMN = 6;
export const T3_APPLICANT_COLUMNS = [0, 1, 2, 3, 4, 5] as const;

type T3RowRole =
  | 'new' // 一
  | 'carried' // 二
  | 'result' // a leaf of 三 (counted in （七）)
  | 'resultTotal' // （七）总计
  | 'carryNext'; // 四

export interface T3Row {
  key: string;
  label: string;
  en: string;
  role: T3RowRole;
  /** The group label (（三）不予公开 …) this item sits under, if any. */
  group?: string;
  variants?: string[];
  /** How messages name the row when the label carries a note (（二）部分公开). */
  short?: string;
}

export interface T3Group {
  key: string;
  label: string;
  en: string;
}

/** The group labels that carry no numbers of their own. */
export const T3_GROUPS: readonly T3Group[] = [
  { key: 'results', label: '三、本年度办理结果', en: 'III. Results this year' },
  { key: 'refused', label: '（三）不予公开', en: '(3) Not disclosed' },
  { key: 'unable', label: '（四）无法提供', en: '(4) Cannot be provided' },
  { key: 'notHandled', label: '（五）不予处理', en: '(5) Not processed' },
  { key: 'otherHandling', label: '（六）其他处理', en: '(6) Other handling' },
];

export const T3_ROWS: readonly T3Row[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', en: 'I. New requests this year', role: 'new' },
  { key: 'carried', label: '二、上年结转政府信息公开申请数量', en: 'II. Carried over from last year', role: 'carried' },
  { key: 'disclosed', label: '（一）予以公开', en: '(1) Disclosed', role: 'result' },
  {
    key: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    short: '（二）部分公开',
    en: '(2) Partly disclosed',
    role: 'result',
  },
  { key: 'refused.secret', label: '1.属于国家秘密', en: 'State secret', role: 'result', group: 'refused' },
  {
    key: 'refused.law',
    label: '2.其他法律行政法规禁止公开',
    en: 'Barred by other laws',
    role: 'result',
    group: 'refused',
    variants: ['2.其他法律行政止公开'],
  },
  { key: 'refused.safety', label: '3.危及“三安全一稳定”', en: 'Endangers security/stability', role: 'result', group: 'refused' },
  { key: 'refused.thirdParty', label: '4.保护第三方合法权益', en: 'Third-party rights', role: 'result', group: 'refused' },
  { key: 'refused.internal', label: '5.属于三类内部事务信息', en: 'Internal affairs', role: 'result', group: 'refused' },
  { key: 'refused.process', label: '6.属于四类过程性信息', en: 'Process information', role: 'result', group: 'refused' },
  { key: 'refused.enforcement', label: '7.属于行政执法案卷', en: 'Enforcement files', role: 'result', group: 'refused' },
  { key: 'refused.query', label: '8.属于行政查询事项', en: 'Administrative query matters', role: 'result', group: 'refused' },
  { key: 'unable.notHeld', label: '1.本机关不掌握相关政府信息', en: 'Not held', role: 'result', group: 'unable' },
  { key: 'unable.mustCreate', label: '2.没有现成信息需要另行制作', en: 'Would have to be created', role: 'result', group: 'unable' },
  { key: 'unable.unclear', label: '3.补正后申请内容仍不明确', en: 'Still unclear after correction', role: 'result', group: 'unable' },
  { key: 'notHandled.petition', label: '1.信访举报投诉类申请', en: 'Petitions and complaints', role: 'result', group: 'notHandled' },
  { key: 'notHandled.repeat', label: '2.重复申请', en: 'Repeated requests', role: 'result', group: 'notHandled' },
  { key: 'notHandled.publication', label: '3.要求提供公开出版物', en: 'Published material', role: 'result', group: 'notHandled' },
  { key: 'notHandled.abusive', label: '4.无正当理由大量反复申请', en: 'Mass repeated requests', role: 'result', group: 'notHandled' },
  {
    key: 'notHandled.confirm',
    label: '5.要求行政机关确认或重新出具已获取信息',
    en: 'Confirm or reissue information already obtained',
    role: 'result',
    group: 'notHandled',
  },
  {
    key: 'otherHandling.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    en: 'Applicant did not correct in time',
    role: 'result',
    group: 'otherHandling',
  },
  {
    key: 'otherHandling.feeUnpaid',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    en: 'Fee notice not paid in time',
    role: 'result',
    group: 'otherHandling',
  },
  { key: 'otherHandling.other', label: '3.其他', en: 'Other', role: 'result', group: 'otherHandling' },
  { key: 'resultTotal', label: '（七）总计', en: '(7) Total', role: 'resultTotal' },
  { key: 'carryNext', label: '四、结转下年度继续办理', en: 'IV. Carried over to next year', role: 'carryNext' },
];

/** The corner note of Table 3, verbatim. */
export const T3_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The header cells above Table 3's seven columns: all seven under 申请人情况, the middle five under 法人或其他组织. */
export const T3_HEADERS = { applicants: '申请人情况', organisations: '法人或其他组织' } as const;
/** The columns 法人或其他组织 spans. */
export const T3_ORGANISATION_COLUMNS = [1, 2, 3, 4, 5] as const;

/** How a message names a Table 3 row: its label, or its short form when the label carries a note. */
export function t3RowName(key: string): string {
  const row = T3_ROWS.find((r) => r.key === key);
  if (row) return row.short ?? row.label;
  return T3_GROUPS.find((g) => g.key === key)?.label ?? key;
}

// ---------------------------------------------------------------------------
// Table 4 — 行政复议、行政诉讼 (15 numbers)
// ---------------------------------------------------------------------------

export const T4_COLUMNS = [
  { key: 'upheld', label: '结果维持', en: 'upheld' },
  { key: 'corrected', label: '结果纠正', en: 'corrected' },
  { key: 'other', label: '其他结果', en: 'other result' },
  { key: 'pending', label: '尚未审结', en: 'pending' },
  { key: 'total', label: '总计', en: 'total' },
] as const;
export const T4_TOTAL_COLUMN = 4;
/** The header over the two litigation groups. */
export const T4_LITIGATION = '行政诉讼';

export const T4_GROUPS = [
  { key: 'review', label: '行政复议', en: 'Administrative reconsideration', variants: ['行政法复议'] },
  { key: 'suitDirect', label: '行政诉讼·未经复议直接起诉', short: '未经复议直接起诉', en: 'Litigation without prior reconsideration' },
  { key: 'suitAfterReview', label: '行政诉讼·复议后起诉', short: '复议后起诉', en: 'Litigation after reconsideration' },
] as const;

// ---------------------------------------------------------------------------
// The 2019 trial format (国办公开办函〔2019〕60号)
// ---------------------------------------------------------------------------

/** Text that only the 2019 layout has. Any of these in a 2021+ report means the old format. */
export const OLD_FORMAT_MARKERS: readonly { text: string; where: Text }[] = [
  { text: '本年新制作数量', where: { zh: '表二列名', en: 'Table 2 column' } },
  { text: '本年新公开数量', where: { zh: '表二列名', en: 'Table 2 column' } },
  { text: '对外公开总数量', where: { zh: '表二列名', en: 'Table 2 column' } },
  { text: '上一年项目数量', where: { zh: '表二列名', en: 'Table 2 column' } },
  { text: '本年增/减', where: { zh: '表二列名', en: 'Table 2 column' } },
  { text: '其他对外管理服务事项', where: { zh: '表二行名', en: 'Table 2 row' } },
  { text: '第二十条第（九）项', where: { zh: '表二栏目', en: 'Table 2 block' } },
  { text: '政府集中采购', where: { zh: '表二行名', en: 'Table 2 row' } },
];

/** The year the 2021 format took effect: reports for this year onwards must use it. */
export const FORMAT_2021_FIRST_YEAR = 2021;

// ---------------------------------------------------------------------------
// Before 2019: the 2008 条例 era, and documents that are not this report
// ---------------------------------------------------------------------------

/** The first report year of the 2019 trial format; earlier reports follow the 2008 条例 (国务院令第492号). */
export const FORMAT_2019_FIRST_YEAR = 2019;

/**
 * Parts only a report from before 2019 has, as its headings name them
 * (written: 四、政府信息公开的收费及减免情况). Any two of them, or one in a
 * report for a year before 2019, make a pre-2019 report.
 */
export const PRE_2019_PARTS: readonly { label: string; pattern: RegExp }[] = [
  { label: '概述', pattern: /^概述$|^概况$/ },
  { label: '依申请公开政府信息情况', pattern: /^依申请公开(?:政府)?信息(?:的)?(?:情况|工作情况)$/ },
  { label: '政府信息公开的收费及减免情况', pattern: /收费(?:及|和|与)减免/ },
  { label: '咨询处理情况', pattern: /咨询(?:处理|答复)?(?:情况)?$/ },
];

/**
 * The words that end a document's title and say what kind of document it is.
 * A title ending with one of them that is not this report's (a 政府网站工作年度报表,
 * a 法治政府建设年度报告, a 通知) names another document.
 */
export const DOCUMENT_KINDS = /(?:报告|报表|年报|总结|要点|方案|通知|意见|办法|细则|规定|函)$/;
/** What this report's title says of it: 政府信息公开 (or 政务公开) and 年度报告/年报. */
export const ANNUAL_REPORT_TITLE = /(?:政府信息公开|政务公开)[^，。]*(?:年度报告|年报)$/;

// ---------------------------------------------------------------------------
// The documents a report cites
// ---------------------------------------------------------------------------

/** A document number: 国办公开办函〔2021〕30号. */
export interface DocumentNumber {
  /** The issuer's prefix: 国办公开办函. */
  prefix: string;
  year: number;
  number: number;
}

/** A document number as it is cited. */
export const citation = (d: DocumentNumber): string => `${d.prefix}〔${d.year}〕${d.number}号`;

/** The notice that sets the format, and the 2019 trial format's notice it replaced (2019 and 2020 reports cite that one). */
export const FORMAT_NOTICE: DocumentNumber = { prefix: '国办公开办函', year: 2021, number: 30 };
export const FORMAT_NOTICE_2019: DocumentNumber = { prefix: '国办公开办函', year: 2019, number: 60 };

/** The legal basis the report cites. */
export const FORMAT_DOCUMENT = citation(FORMAT_NOTICE);
export const REGULATION = '《中华人民共和国政府信息公开条例》';
/** The measures on 信息处理费 (fees for processing requests), and the first report year they apply to (from 1 January 2021). */
export const FEE_MEASURES = { document: '国办函〔2020〕109号', name: '《政府信息公开信息处理费管理办法》', firstYear: 2021 } as const;

/** Table 3 in the 2019 format: the same rows, but （六）其他处理 is a single row with numbers of its own. */
export const T3_2019_SINGLE_ROW = { key: 'otherHandling', label: '（六）其他处理', replaces: 'otherHandling' } as const;

/**
 * How a cell is named in messages: in the report's own words — its row (or
 * group) and its column as the table labels them — in English messages too,
 * since the clerk finds the cell by the label printed in the report.
 */
export function cellWords(table: TableId, row: string, column: number, format: '2021' | '2019' = '2021'): CellWords {
  // Every cell check and every finding's place asks: each answer is worked out once (the format is fixed).
  let byFormat = cellWordsMemo.get(table);
  if (!byFormat) cellWordsMemo.set(table, (byFormat = new Map()));
  let byRow = byFormat.get(format);
  if (!byRow) byFormat.set(format, (byRow = new Map()));
  let byColumn = byRow.get(row);
  if (!byColumn) byRow.set(row, (byColumn = []));
  return (byColumn[column] ??= deepFreeze(findCellWords(table, row, column, format)));
}

type CellWords = Readonly<{ row: Readonly<Text>; column: Readonly<Text> }>;
/** By table, format, row key and column. */
const cellWordsMemo = new Map<TableId, Map<string, Map<string, CellWords[]>>>();
const deepFreeze = (words: { row: Text; column: Text }): CellWords => Object.freeze({ row: Object.freeze(words.row), column: Object.freeze(words.column) });

function findCellWords(table: TableId, row: string, column: number, format: '2021' | '2019'): { row: Text; column: Text } {
  const same = (label: string): Text => ({ zh: label, en: label });
  if (table === 't2') {
    const layout = format === '2019' ? TABLE2_2019 : TABLE2;
    const block = layout.blocks.find((b) => b.rows.some((r) => r.key === row));
    return { row: same(block?.rows.find((r) => r.key === row)?.label ?? row), column: same(block?.columns[column]?.label ?? String(column)) };
  }
  if (table === 't4') return { row: same(T4_GROUPS.find((g) => g.key === row)?.label ?? row), column: same(T4_COLUMNS[column]?.label ?? String(column)) };
  return { row: same(t3RowName(row)), column: same(T3_COLUMNS[column]?.label ?? String(column)) };
}
