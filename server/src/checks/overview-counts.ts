/**
 * overview-counts (local requirement, off by default): 总体情况 states how many
 * items went out through each channel a province's notice names (by default
 * 政府网站, 政务新媒体 and 政府公报): the channel and a count in one sentence.
 */
import type { Finding } from '../model/report';
import { defineCheck, finding, optionsFor } from './check';
import { alternatives } from './options';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missing: { zh: '“一、总体情况”没有写明通过{channel}公开的信息数量（本地要求）', en: 'Section I (overview) does not state how many items went out through {channel} (a local requirement)' },
});

const OPTIONS = {
  channels: {
    type: 'strings',
    default: ['政府网站/门户网站', '政务新媒体/微信公众号/微博', '政府公报'],
    docs: { zh: '须写明数量的公开渠道；一项可写几种叫法，用“/”分隔（如 "政务新媒体/微信公众号"）', en: 'The channels whose counts must be stated; several names of one channel are separated by “/”' },
  },
} as const;

/** A count: digits or Chinese numerals, then a measure word (a year, 2024年, is no count). */
const COUNT = /(?:[0-9０-９][0-9０-９,，.]*|[一二三四五六七八九十百千两〇零]+)\s*万?\s*[条篇期件个次份]/;

export const overviewCounts = defineCheck({
  code: 'overview-counts',
  severity: 'warning',
  tag: 'heuristic',
  optional: true,
  title: { zh: '总体情况未写明各渠道公开数量', en: 'Overview lacks the counts per channel' },
  docs: {
    zh: '本地要求（默认关闭）：有的省份要求“总体情况”写明通过政府网站、政务新媒体、政府公报等渠道公开的信息数量。某一渠道的名称与一个数字不在同一句中时，在第一部分标题上提示。渠道由选项 channels 设定。',
    en: 'A local requirement (off by default): some provinces require the overview to state how many items went out through the government website, government new media, the gazette and so on. A channel whose name and a number are not in one sentence of section I is reported on its heading. The option channels sets the channels.',
  },
  messages: MESSAGES,
  fixes: [],
  options: OPTIONS,
  run(report, context) {
    const { channels } = optionsFor(this.code, OPTIONS, context);
    const section = report.sections.find((s) => s.spec.number === 1);
    if (!section) return [];
    const sentences = report.prose
      .filter((p) => p.section === section)
      .flatMap((p) => p.span.text.split(/[。；;！!？?\n]/));
    const findings: Finding[] = [];
    for (const channel of channels) {
      const names = alternatives(channel);
      const stated = sentences.some((s) => names.some((n) => s.includes(n) && COUNT.test(s.slice(s.indexOf(n)))));
      if (!stated) findings.push(finding(this, section.heading.span.range, 'missing', { channel: names[0] }, { data: { channel: names[0] } }));
    }
    return findings;
  },
});
