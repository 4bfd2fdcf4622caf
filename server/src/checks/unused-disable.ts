/**
 * unused-disable: a nianbao-disable comment that silences nothing, or names no
 * check. Its findings are made by the engine (engine/suppress.ts), which alone
 * sees what every other check found; run() has nothing to read in the report.
 */
import { defineCheck } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  unused: { zh: '此注释没有屏蔽任何检查结果（{codes}），可以删除', en: 'This comment silences nothing ({codes}); it can go' },
  unknownCode: { zh: '注释中的“{code}”不是检查代码{hint}', en: '“{code}” in this comment is no check’s code{hint}' },
  allChecks: { zh: '全部检查', en: 'every check' },
  remove: { zh: '删除此注释', en: 'Remove this comment' },
  // The quick fix other checks' heuristic findings offer (features/ignore.ts), which inserts such a comment.
  ignoreLine: { zh: '在此处忽略此项检查（{code}）', en: 'Ignore this check here ({code})' },
  ignoreBlock: { zh: '在此段或此表中忽略此项检查（{code}）', en: 'Ignore this check in this paragraph or table ({code})' },
});

export const unusedDisable = defineCheck({
  code: 'unused-disable',
  severity: 'information',
  tag: 'derived',
  title: { zh: '多余的屏蔽注释', en: 'Unused disable comment' },
  docs: {
    zh:
      '用注释屏蔽某项检查：`<!-- nianbao-disable-next-line 代码 -->`（下一行）、`<!-- nianbao-disable-line 代码 -->`（本行）、`<!-- nianbao-disable 代码 -->` … `<!-- nianbao-enable 代码 -->`（一段）、`<!-- nianbao-disable-file 代码 -->`（全文）。多个代码用逗号分隔，不写代码则屏蔽全部检查；`--` 之后可写原因。' +
      '注释没有屏蔽任何检查结果（问题已改正，或代码写错）时在注释上提示，并提供“删除此注释”的快速修复。每项经验判断类检查的问题都提供“在此处忽略此项检查”的快速修复，插入这样的注释。',
    en:
      'Silence a check with a comment: `<!-- nianbao-disable-next-line code -->` (the next line), `<!-- nianbao-disable-line code -->` (its own line), `<!-- nianbao-disable code -->` … `<!-- nianbao-enable code -->` (a stretch), `<!-- nianbao-disable-file code -->` (the whole file). Several codes are separated by commas; none silences every check; a reason may follow `--`. ' +
      'A comment that silences nothing (the problem was corrected, or the code is misspelt) is reported on the comment, with the quick fix “Remove this comment”. Every finding of a heuristic check offers the quick fix “Ignore this check here”, which inserts such a comment.',
  },
  messages: MESSAGES,
  appliesTo: ['annual-report', 'pre-2019', 'other'],
  fixes: ['remove', 'ignoreLine', 'ignoreBlock'],
  run: () => [],
});
