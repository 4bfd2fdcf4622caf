/**
 * --html: one self-contained page (inline CSS and script, nothing fetched):
 * the table of reports, sortable by a click on a header and filtered by a
 * text box and severity toggles (the script), static and complete without it;
 * each unit's problems, linked to `vscode://file/<path>:<line>:<column>` so
 * that a click opens the draft at the line in VS Code; the lists (files not
 * read, roster results); each area-wide report's 汇总核对 (the differing
 * cells with both values, the units missing from the sum); under each unit,
 * the passages it shares with another report, linked to that report's line;
 * a print style that drops the controls.
 */
import { pathToFileURL } from 'node:url';
import type { Text } from '../../format/standard';
import type { Severity } from '../../model/report';
import { say } from '../../checks/messages';
import type { AreaSum } from '../across';
import { REVIEW } from '../messages';
import type { Review } from '../review';
import type { ReviewProblem, ReviewRow } from '../row';
import { fileOf, ROW_COLUMNS, type Locale } from './columns';
import { footnotes, listings, reviewTitle } from './lists';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The link that opens a file at a line in VS Code: vscode://file/ and the
 * absolute path, forward slashes, percent-encoded. A Word document or web
 * page is opened without a line: its lines are those of the draft made of it.
 */
function vscodeLink(absolute: string, at?: { line: number; column: number }): string {
  const path = pathToFileURL(absolute).pathname; // /home/…, or /C:/… on Windows
  return at ? `vscode://file${path}:${at.line}:${at.column}` : `vscode://file${path}`;
}

/** The link and the words of a place in a file: file:line, or in a Word document or web page the file and the place in words. */
function placeLink(absolute: string, file: string, line: number, column: number, imported: boolean | undefined, words: string | undefined, attributes = ''): string {
  const text = imported ? (words ? `${file} · ${words}` : file) : `${file}:${line}`;
  return `<a${attributes} href="${escape(vscodeLink(absolute, imported ? undefined : { line, column }))}">${escape(text)}</a>`;
}

const SEVERITIES: readonly Exclude<Severity, 'hint'>[] = ['error', 'warning', 'information'];

/** The severities a row has problems of: what the toggles filter on. */
const severitiesOf = (r: ReviewRow) => SEVERITIES.filter((s) => r.problems.some((p) => p.severity === s || (s === 'information' && p.severity === 'hint')));

function problemItem(r: ReviewRow, p: ReviewProblem, locale: Locale): string {
  const where = p.where ? `<span class="where">${escape(p.where[locale])}</span>` : '';
  const severity = p.severity === 'hint' ? 'information' : p.severity;
  const link = placeLink(r.absolute, fileOf(r), p.line, p.column, r.imported, p.place?.[locale]);
  return `<li class="${severity}"><span class="sev">${escape(REVIEW[p.severity][locale])}</span> ${where} ${escape(p.message[locale])} ${link} <code>${escape(p.code)}</code></li>`;
}

/** A row's 雷同: what it says, and each passage found in another report, linked to that report's line. */
function sharedPassages(r: ReviewRow, locale: Locale): string {
  const s = r.similarity;
  if (!s?.passages.length) return '';
  const said = s.messages.map((m) => `<p class="similar">${escape(m[locale])}</p>`).join('');
  const items = s.passages.map((p) => {
    const here = placeLink(r.absolute, fileOf(r), p.line, 1, r.imported, p.where?.[locale]);
    const other = placeLink(p.other.absolute, `${p.other.unit ?? REVIEW.noUnit[locale]} ${fileOf(p.other)}`, p.otherLine, 1, p.other.imported, p.otherWhere?.[locale], ' class="other"');
    return `<li>${here} <q>${escape(p.text)}</q> = ${other}</li>`;
  });
  return `<h4>${escape(REVIEW.sharedPassages[locale])}</h4>${said}<ul class="passages">${items.join('\n')}</ul>`;
}

/** An area-wide report's 汇总核对: each differing cell where in words with both values and its link, the units missing from the sum. */
function aggregationSection(a: AreaSum, locale: Locale): string {
  const head = `<tr><th scope="col">${escape(REVIEW.where[locale])}</th><th scope="col">${escape(REVIEW.areaValue[locale])}</th><th scope="col">${escape(REVIEW.sumValue[locale])}</th><th scope="col">${escape(REVIEW.line[locale])}</th></tr>`;
  const rows = a.differences
    .map((d) => `<tr data-path="${escape(d.path)}"><th scope="row">${escape(d.where[locale])}</th><td class="num">${d.area}</td><td class="num">${d.sum}</td><td>${placeLink(a.absolute, a.file, d.line, d.column, a.imported, undefined)}</td></tr>`)
    .join('\n');
  const table = a.differences.length ? `<table class="sum"><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>` : `<p>${escape(REVIEW.aggregationSame[locale])}</p>`;
  const missing = a.missing.length ? `<p class="missing">${escape(REVIEW.missingUnits[locale])}：${a.missing.map(escape).join('、')}</p>` : '';
  const gaps = a.gaps.map((g) => `<p>${escape(g[locale])}</p>`).join('');
  const title = say(REVIEW.aggregationOf, { unit: a.unit, file: a.file, count: a.included.length })[locale];
  return `<section class="aggregation"><h2>${escape(REVIEW.aggregation[locale])}：${escape(title)}</h2>${table}${missing}${gaps}</section>`;
}

const STYLE = `
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
thead th{background:#f3f3f3;position:sticky;top:0}td.first{min-width:24em}th button{all:unset;cursor:pointer}tbody th{text-align:left;white-space:nowrap}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.has-error td:first-child{border-left:4px solid #c62828}
tr.has-warning:not(.has-error) td:first-child{border-left:4px solid #ef6c00}
li.error .sev{color:#c62828;font-weight:bold}li.warning .sev{color:#ef6c00;font-weight:bold}li.information .sev{color:#1565c0}
.where{background:#f5f5f5;padding:0 .25em}.controls{margin:.5em 0 1em}.controls label{margin-right:1em}
@media print{.controls{display:none}thead th{position:static}a{color:inherit;text-decoration:none}section{break-inside:avoid}}
`;

/** Sorting by a click on a header (numbers as numbers, again to reverse) and filtering by text and severity. */
const SCRIPT = `
(function(){
var table=document.getElementById('units'),body=table.tBodies[0];
var rows=Array.prototype.slice.call(body.rows);
table.querySelectorAll('thead th').forEach(function(th,i){
  var b=document.createElement('button');b.type='button';b.textContent=th.textContent;th.textContent='';th.appendChild(b);
  b.addEventListener('click',function(){
    var asc=th.getAttribute('aria-sort')!=='ascending';
    table.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort')});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var num=th.dataset.type==='number';
    rows.slice().sort(function(x,y){
      var a=x.cells[i].dataset.value!==undefined?x.cells[i].dataset.value:x.cells[i].textContent;
      var c=y.cells[i].dataset.value!==undefined?y.cells[i].dataset.value:y.cells[i].textContent;
      var r=num?(a===''?-1:+a)-(c===''?-1:+c):a.localeCompare(c,'zh');
      return asc?r:-r;
    }).forEach(function(r){body.appendChild(r)});
  });
});
var box=document.getElementById('filter'),toggles=document.querySelectorAll('.controls input[type=checkbox]');
function apply(){
  var q=box.value.trim().toLowerCase(),want=[];
  toggles.forEach(function(t){if(t.checked)want.push(t.value)});
  rows.forEach(function(r){
    var text=!q||r.textContent.toLowerCase().indexOf(q)>=0||(r.dataset.problems||'').toLowerCase().indexOf(q)>=0;
    var sev=!want.length||want.some(function(s){return r.classList.contains('has-'+s)});
    r.hidden=!(text&&sev);
    var s=document.getElementById(r.dataset.section);if(s)s.hidden=r.hidden;
  });
}
box.addEventListener('input',apply);toggles.forEach(function(t){t.addEventListener('change',apply)});
document.querySelector('.controls').hidden=false;
})();
`;

/** Each row's piece with a line break between them, as join('\n') puts them, each made only when it is written. */
function* perRow(rows: readonly ReviewRow[], piece: (r: ReviewRow, i: number) => string): Generator<string> {
  for (let i = 0; i < rows.length; i++) yield (i ? '\n' : '') + piece(rows[i], i);
}

/** A row of the table of reports. */
function rowHtml(r: ReviewRow, i: number, locale: Locale): string {
  const classes = severitiesOf(r).map((s) => `has-${s}`).join(' ');
  const problems = r.problems.map((p) => `${p.where?.[locale] ?? ''} ${p.message[locale]}`).join(' ');
  const cells = ROW_COLUMNS.map((c) => {
    const value = c.value(r, locale);
    const text = escape(value === null ? '' : String(value));
    if (c.key === 'unit') return `<th scope="row"><a href="#unit-${i + 1}">${text}</a></th>`;
    if (c.numeric) return `<td class="num" data-value="${(c.sortBy ? c.sortBy(r) : value) ?? ''}">${text}</td>`;
    return c.key === 'firstProblems' ? `<td class="first">${text}</td>` : `<td>${text}</td>`;
  }).join('');
  return `<tr id="row-${i + 1}" class="${classes}" data-section="unit-${i + 1}" data-problems="${escape(problems)}">${cells}</tr>`;
}

/** A unit's section: its problems, linked to their lines, and the passages it shares. */
function unitSection(r: ReviewRow, i: number, locale: Locale): string {
  const items = r.problems.length ? `<ol>${r.problems.map((p) => problemItem(r, p, locale)).join('\n')}</ol>` : `<p>${escape(REVIEW.noProblems[locale])}</p>`;
  return `<section id="unit-${i + 1}"><h3>${escape(r.unit ?? REVIEW.noUnit[locale])} <small>${escape(fileOf(r))}</small></h3>\n${items}${sharedPassages(r, locale)}</section>`;
}

/** The page, piece by piece (a row, a unit's section at a time): a province's page is hundreds of MB, never held whole. */
export function* reviewHtml(review: Review, locale: Locale): Generator<string> {
  const title = reviewTitle(review)[locale];
  const head = ROW_COLUMNS.map((c) => `<th scope="col"${c.numeric ? ' data-type="number"' : ''}>${escape(c.header[locale])}</th>`).join('');
  const aggregation = review.aggregation.map((a) => aggregationSection(a, locale)).join('\n');
  const lists = listings(review)
    .map((l) => `<section class="list"><h2>${escape(l.title[locale])}</h2><ul>${l.items.map((i: Text) => `<li>${escape(i[locale])}</li>`).join('')}</ul></section>`)
    .join('\n');
  const toggles = SEVERITIES.map((s) => `<label><input type="checkbox" value="${s}"> ${escape(REVIEW[s][locale])}</label>`).join('');
  yield `<!DOCTYPE html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(title)}</h1>
${footnotes(review).map((t) => `<p>${escape(t[locale])}</p>`).join('\n')}
<div class="controls" hidden><label>${escape(REVIEW.filter[locale])} <input id="filter" type="search" placeholder="${escape(REVIEW.filterHint[locale])}"></label> ${escape(REVIEW.showOnly[locale])}：${toggles} <small>${escape(REVIEW.sortHint[locale])}</small></div>
<table id="units"><thead><tr>${head}</tr></thead>
<tbody>
`;
  yield* perRow(review.rows, (r, i) => rowHtml(r, i, locale));
  yield `
</tbody></table>
${lists}
${aggregation}
<h2>${escape(REVIEW.problemsOf[locale])}</h2>
`;
  yield* perRow(review.rows, (r, i) => unitSection(r, i, locale));
  yield `
<script>${SCRIPT}</script>
</body></html>
`;
}
