/** Every sentence about a configuration (a .nianbaorc.json, the setting nianbao.rules, --rule), in both languages. */
import { defineMessages } from '../checks/messages';

export const CONFIG = defineMessages({
  notAnObject: { zh: '配置应为一个 JSON 对象 {…}', en: 'A configuration must be a JSON object {…}' },
  unknownKey: { zh: '未知的配置项“{key}”（可用：{allowed}）', en: 'Unknown key “{key}” (allowed: {allowed})' },
  rulesNotObject: { zh: '"rules" 应为对象：{ "检查代码": "off" | "info" | "warning" | "error" }', en: '"rules" must be an object: { "code": "off" | "info" | "warning" | "error" }' },
  unknownRule: { zh: '没有代码为“{code}”的检查{hint}', en: 'No check has the code “{code}”{hint}' },
  didYouMean: { zh: '，是否指“{code}”？', en: '; did you mean “{code}”?' },
  badSeverity: { zh: '“{code}”的级别应为 off、info、warning 或 error，或 { "severity": …, 选项 }', en: 'The setting of “{code}” must be off, info, warning or error, or { "severity": …, options }' },
  unknownOption: { zh: '检查“{code}”没有选项“{option}”（可用：{allowed}）', en: 'The check “{code}” has no option “{option}” (allowed: {allowed})' },
  noOptions: { zh: '检查“{code}”没有选项，只能设定级别', en: 'The check “{code}” has no options, only a severity' },
  badOption: { zh: '“{code}”的选项“{option}”{why}', en: 'The option “{option}” of “{code}” {why}' },
  badExtends: { zh: '"extends" 应为文件路径或路径列表', en: '"extends" must be a file path or a list of them' },
  // Files.
  syntax: { zh: '配置文件不是有效的 JSON（可含注释）：{why}', en: 'The configuration is not valid JSON (comments allowed): {why}' },
  unreadable: { zh: '无法读取配置文件 {path}：{why}', en: 'Cannot read the configuration {path}: {why}' },
  extendsMissing: { zh: '"extends" 指向的文件不存在：{path}', en: '"extends" names a file that does not exist: {path}' },
  extendsCycle: { zh: '"extends" 循环引用：{path}', en: '"extends" goes round in a circle: {path}' },
  inFile: { zh: '{path}:{line}:{column}：{message}', en: '{path}:{line}:{column}: {message}' },
  // The setting nianbao.rules, in an editor.
  settingProblems: { zh: '设置 nianbao.rules 中写错的项未生效：{problems}', en: 'Entries of the setting nianbao.rules that do not take effect: {problems}' },
  // --rule on the command line.
  badRuleFlag: {
    zh: '--rule 应写作 代码=级别 或 代码.选项=值（如 copied-paragraph=off、deadline.publisher=department）：{value}',
    en: '--rule must be code=severity or code.option=value (e.g. copied-paragraph=off, deadline.publisher=department): {value}',
  },
});

/** jsonc-parser's syntax errors, said in words (its codes are English identifiers). */
export const SYNTAX_ERRORS: Readonly<Record<string, { zh: string; en: string }>> = {
  InvalidSymbol: { zh: '此处有无效的字符', en: 'an invalid character here' },
  InvalidNumberFormat: { zh: '数字格式不对', en: 'a malformed number' },
  PropertyNameExpected: { zh: '此处应为带引号的键名', en: 'a quoted key is expected here' },
  ValueExpected: { zh: '此处应有一个值', en: 'a value is expected here' },
  ColonExpected: { zh: '键名后应有冒号 :', en: 'a colon is expected after the key' },
  CommaExpected: { zh: '此处缺少逗号 ,', en: 'a comma is missing here' },
  CloseBraceExpected: { zh: '缺少右花括号 }', en: 'a closing brace } is missing' },
  CloseBracketExpected: { zh: '缺少右方括号 ]', en: 'a closing bracket ] is missing' },
  EndOfFileExpected: { zh: '对象结束后还有多余内容', en: 'something follows the end of the object' },
  UnexpectedEndOfString: { zh: '字符串没有结束引号', en: 'a string has no closing quote' },
  UnexpectedEndOfComment: { zh: '注释没有结束', en: 'a comment is not closed' },
  InvalidCharacter: { zh: '字符串中有无效的字符（如未转义的换行）', en: 'an invalid character in a string (an unescaped line break?)' },
  InvalidEscapeCharacter: { zh: '无效的转义符', en: 'an invalid escape' },
  InvalidUnicode: { zh: '无效的 \\u 转义', en: 'an invalid \\u escape' },
};
