/**
 * Opening a Word .docx: the zip package, the few XML parts the report's text
 * lives in, and the reasons a file cannot be opened at all (an old .doc, a
 * password, a renamed .xlsx, a damaged file, a zip bomb), said as a clerk
 * understands them. Plus the namespace-aware helpers the readers of those
 * parts share.
 */
import { unzipSync } from 'fflate';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { Text } from '../format/standard';
import { ImportError } from './source';

/** WordprocessingML, in the usual (transitional) and the strict namespace: a document uses one of them. */
const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * The most the parts read may inflate to, all together. A report's
 * document.xml is a few megabytes at most; only the XML parts are inflated,
 * never the images.
 */
const MAX_INFLATED_BYTES = 48 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A password-protected .docx is an OLE container holding an EncryptionInfo stream (its name in UTF-16LE). */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

const WHAT_TO_DO_WITH_DOC: Text = {
  zh: '请在 Word/WPS 中打开，“另存为” Word 文档（.docx）后再导入。',
  en: 'Open it in Word or WPS, “Save As” a Word document (.docx), and import that.',
};

const FAILURES = {
  encrypted: {
    zh: '文档设置了密码（已加密），无法读取。请在 Word/WPS 中打开，取消密码后另存为 .docx，再导入。',
    en: 'The document is password-protected (encrypted) and cannot be read. Open it in Word or WPS, remove the password, save it as .docx, and import that.',
  },
  legacyDoc: {
    zh: `这是旧版的 Word 文档（.doc，二进制格式），无法直接导入。${WHAT_TO_DO_WITH_DOC.zh}`,
    en: `This is an old binary Word document (.doc), which cannot be imported as it is. ${WHAT_TO_DO_WITH_DOC.en}`,
  },
  rtf: {
    zh: `这是 RTF 格式的文档（常见于扩展名为 .doc 的模板），无法直接导入。${WHAT_TO_DO_WITH_DOC.zh}`,
    en: `This is an RTF document (often found behind a .doc extension), which cannot be imported as it is. ${WHAT_TO_DO_WITH_DOC.en}`,
  },
  notWord: {
    zh: '这个文件不是 Word 文档（.docx）。如果它能在 Word/WPS 中打开，请在其中“另存为” Word 文档（.docx）后再导入。',
    en: 'This file is not a Word document (.docx). If Word or WPS can open it, “Save As” a Word document (.docx) there and import that.',
  },
  noDocumentPart: {
    zh: '这个压缩包里没有 Word 文档的正文（word/document.xml），它可能是改了扩展名的 Excel（.xlsx）、PowerPoint（.pptx）文件或其他压缩包。请选择年报的 Word 文档（.docx）。',
    en: 'This archive holds no Word document body (word/document.xml): it may be an Excel (.xlsx) or PowerPoint (.pptx) file renamed, or another kind of archive. Choose the report’s Word document (.docx).',
  },
  damaged: {
    zh: '文件已损坏或不完整（可能下载或复制时中断），无法读取。请在 Word/WPS 中打开并另存为 .docx 后再导入；如果 Word 也打不开，请向来源重新索取文件。',
    en: 'The file is damaged or incomplete (perhaps cut short while downloading or copying) and cannot be read. Open it in Word or WPS and save it as .docx again; if Word cannot open it either, ask for the file again.',
  },
  tooLarge: {
    zh: `文档的文字部分解压后超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB，不像一份正常的年度报告（可能是“压缩炸弹”），已停止读取。`,
    en: `The document’s text parts inflate to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB, more than any annual report holds (a zip bomb?); reading was stopped.`,
  },
} satisfies Record<string, Text>;

/** A damaged part named, so that whoever looks into the file knows where. */
const damagedPart = (part: string, detail: string): Text => ({
  zh: `${FAILURES.damaged.zh}（${part}：${detail}）`,
  en: `${FAILURES.damaged.en} (${part}: ${detail})`,
});

/** The parts of a .docx the body reader needs, parsed. */
export interface DocxParts {
  /** The main document's w:body. */
  body: Element;
  styles?: Element;
  numbering?: Element;
}

/** Open the package: refuse what is not a .docx, then inflate and parse the main document, its styles and its numbering. */
export function openDocx(bytes: Uint8Array): DocxParts {
  refuseNonZip(bytes);
  const zip = new Inflater(bytes);
  // The main part is wherever the package relationships say (Word writes word/document.xml; some tools do not).
  const packageRels = zip.parts(['_rels/.rels']).get('_rels/.rels');
  const main = (packageRels && relationshipTarget(parseXml(packageRels, '_rels/.rels'), 'officeDocument', '')) ?? 'word/document.xml';
  const mainRels = `${directoryOf(main)}_rels/${main.slice(directoryOf(main).length)}.rels`;
  const first = zip.parts([main, mainRels]);
  const mainBytes = first.get(main);
  if (!mainBytes) throw new ImportError('unsupported', FAILURES.noDocumentPart);
  const document = parseXml(mainBytes, main);
  // An .xlsx's relationships lead to xl/workbook.xml: a part, but no w:body in it.
  const body = child(document, 'body');
  if (!body) throw new ImportError('unsupported', FAILURES.noDocumentPart);
  const relsBytes = first.get(mainRels);
  const rels = relsBytes && parseXml(relsBytes, mainRels);
  const target = (type: string, usual: string) => (rels ? relationshipTarget(rels, type, directoryOf(main)) : usual);
  const stylesName = target('styles', 'word/styles.xml');
  const numberingName = target('numbering', 'word/numbering.xml');
  const more = zip.parts([stylesName, numberingName].filter((name): name is string => !!name));
  const parsed = (name: string | undefined) => {
    const data = name && more.get(name);
    return data ? parseXml(data, name) : undefined;
  };
  return { body, styles: parsed(stylesName), numbering: parsed(numberingName) };
}

function refuseNonZip(bytes: Uint8Array): void {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO);
    throw encrypted ? new ImportError('encrypted', FAILURES.encrypted) : new ImportError('legacy-doc', FAILURES.legacyDoc);
  }
  if (startsWith(bytes, [...Buffer.from('{\\rtf')])) throw new ImportError('legacy-doc', FAILURES.rtf);
  // PK: a zip's local file header (or, for an empty zip, its end record).
  if (!startsWith(bytes, [0x50, 0x4b])) throw new ImportError('unsupported', FAILURES.notWord);
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/**
 * Inflates chosen entries of the zip, within one budget for the whole file:
 * each entry's declared size is weighed BEFORE it is inflated (fflate's
 * filter sees it), and fflate inflates into a buffer of exactly that size, so
 * the output can never outgrow the declaration. An entry that inflates to
 * less than it declared is damaged; one that would inflate to more is cut at
 * its declared size, and its XML then fails to parse (damaged, never half-read).
 * Part names are matched without regard to case, as the package format says.
 */
class Inflater {
  private budget = MAX_INFLATED_BYTES;

  constructor(private readonly bytes: Uint8Array) {}

  parts(names: readonly string[]): Map<string, Uint8Array> {
    const wanted = new Map(names.map((name) => [name.toLowerCase(), name]));
    const declared = new Map<string, number>();
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(this.bytes, {
        filter: (entry) => {
          const name = wanted.get(entry.name.toLowerCase());
          if (!name || declared.has(name)) return false;
          if (entry.originalSize > this.budget) throw new ImportError('too-large', FAILURES.tooLarge);
          this.budget -= entry.originalSize;
          declared.set(name, entry.originalSize);
          return true;
        },
      });
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError('corrupt', FAILURES.damaged);
    }
    const found = new Map<string, Uint8Array>();
    for (const [entryName, data] of Object.entries(files)) {
      const name = wanted.get(entryName.toLowerCase());
      if (!name) continue;
      if (data.length !== declared.get(name)) throw new ImportError('corrupt', damagedPart(name, 'size differs from the zip directory'));
      found.set(name, data);
    }
    return found;
  }
}

/** Parse an XML part strictly: anything the parser reports (even a warning) makes the file damaged, never half-read. */
function parseXml(data: Uint8Array, part: string): Element {
  let text: string;
  try {
    text = new TextDecoder(utf16(data) ?? 'utf-8', { fatal: true }).decode(data);
  } catch {
    throw new ImportError('corrupt', damagedPart(part, 'not valid text'));
  }
  let problem: string | undefined;
  let document: Document | undefined;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        problem ??= `${level}: ${message.split('\n')[0]}`;
        throw new Error(problem);
      },
    }).parseFromString(text, 'application/xml');
  } catch (error) {
    problem ??= error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  if (problem || !document?.documentElement) throw new ImportError('corrupt', damagedPart(part, problem ?? 'no XML in it'));
  return document.documentElement;
}

/** XML parts may be UTF-16 (the format allows it): told by the byte-order mark. */
function utf16(data: Uint8Array): string | undefined {
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The target of a relationship of a type (matched by its last segment, as in the transitional and the strict URIs), as a part name. */
function relationshipTarget(rels: Element, type: string, base: string): string | undefined {
  for (const rel of elements(rels)) {
    if (rel.localName !== 'Relationship' || rel.getAttribute('TargetMode') === 'External') continue;
    if (rel.getAttribute('Type')?.split('/').pop() !== type) continue;
    const target = rel.getAttribute('Target');
    if (target) return resolvePart(base, target);
  }
  return undefined;
}

function resolvePart(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target : base + target).split('/');
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment && segment !== '.') resolved.push(segment);
  }
  return resolved.join('/');
}

const directoryOf = (part: string) => part.slice(0, part.lastIndexOf('/') + 1);

// ---- Reading WordprocessingML elements, by namespace rather than by prefix ----

/** The element children of an element. */
export function elements(parent: Element): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) found.push(node as Element);
  return found;
}

/** Is it the WordprocessingML element of this local name (any of them when none is given)? */
export function isW(element: Element, localName?: string): boolean {
  return W_NAMESPACES.has(element.namespaceURI ?? '') && (localName === undefined || element.localName === localName);
}

/** Is it mc:AlternateContent (a choice between newer markup and a fallback)? */
export function isAlternateContent(element: Element): boolean {
  return element.namespaceURI === MARKUP_COMPATIBILITY && element.localName === 'AlternateContent';
}

/** The one branch of mc:AlternateContent read: see the note at its use. */
export function chosenBranch(alternate: Element): Element | undefined {
  const branches = elements(alternate).filter((e) => e.namespaceURI === MARKUP_COMPATIBILITY);
  return branches.find((e) => e.localName === 'Fallback') ?? branches.find((e) => e.localName === 'Choice');
}

/** The first WordprocessingML child of that local name. */
export function child(parent: Element | undefined, localName: string): Element | undefined {
  return parent ? elements(parent).find((e) => isW(e, localName)) : undefined;
}

/** A WordprocessingML attribute (w:val …), in whichever namespace the document uses. */
export function attribute(element: Element | undefined, localName: string): string | undefined {
  if (!element) return undefined;
  for (const namespace of W_NAMESPACES) {
    const value = element.getAttributeNS(namespace, localName);
    if (value !== null && value !== '') return value;
  }
  return undefined;
}

/** The w:val of a child element: child(p, 'pStyle') → its w:val. */
export const childValue = (parent: Element | undefined, localName: string) => attribute(child(parent, localName), 'val');

/** An integer w:val of a child element, when present and a number. */
export function childNumber(parent: Element | undefined, localName: string): number | undefined {
  const value = childValue(parent, localName);
  const number = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : undefined;
}

/** An on/off property (w:vanish, w:isLgl): present means on unless its w:val says off. */
export function isOn(parent: Element | undefined, localName: string): boolean {
  const property = child(parent, localName);
  if (!property) return false;
  const value = attribute(property, 'val');
  return value === undefined || !['0', 'false', 'off'].includes(value);
}
