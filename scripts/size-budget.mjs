// Fails when the release build exceeds its size budgets (read from
// target/size-report.json, written by scripts/postbuild.mjs).
//   wasm + JS glue, gzipped: WASM_JS_BUDGET_KB (default 426 KB). This is a
//     regression ceiling, NOT the goal: issue 8 asks for at most 250 KB
//     (aim 150 KB) for the full app, which the app does not meet (352.8 KB
//     on 2026-12-01, eighth session); scripts/bench.mjs fails on the 250 KB
//     goal and the README section "Performance and size" says so. Lowered
//     from 430 KB (content and golden readers without serde's derive) to
//     415 KB, then to 370 KB when the standard library's float parsing and
//     printing, Unicode case tables and sort left the wasm and stateless
//     leaf components became plain functions (411.8 to 363.7 KB). Raised to
//     395 KB for the patient diary (PRODUCT part 5, 364.6 to 388.7 KB; 393.4 KB
//     after the diary's speed-up and the calculator's and storage fixes).
//     Lowered to 385 KB when the app's own JSON reader and writer replaced
//     serde_json (393.4 to 379.6 KB). Lowered to 372 KB when stateless pages
//     and leaf components became plain functions, the card schema was
//     embedded minified, and wasm-opt and LLVM options were tuned (379.6 to
//     365.6 KB; 365.8 KB with the address fix). Lowered to 360 KB when the
//     reference content became static data written by build.rs (no content
//     reader, validator checks or error page in the wasm: 365.7 to 352.8 KB).
//     Raised to 368 KB for the tenth session's review fixes (353.6 to
//     363.9 KB): conflicting link values refused, a what-if banner, the
//     card editor's kept draft and its questions, the calculator's undo of
//     "Start again", the diary kept in memory when storage fails, printing
//     every diary entry, selects that follow the state, page titles, the
//     phone's rate line, and focus kept after removals. Raised to 376 KB
//     for the eleventh session's review fixes (366.2 to 371.5 KB): a
//     schedule date typed key by key, the live region read once typing
//     pauses, links' unknown parameters named, smaller card figures refused,
//     the breakdown chart as page text, cards re-read when another tab
//     changes them, the printed sheet's list of sources, and readable card
//     tables, print and forced-colour cues. Raised to 380 KB for the
//     twelfth session (371.5 to 378.0 KB): the diary's merge of two tabs'
//     changes (when each day changed, removals remembered, a write only
//     when the other tab's text lacks a change, an undo refused while the
//     diary is full; about 4.6 KB with its review fixes) and Back
//     returning to the place a page was left (scroll and focused link kept
//     in the history entry, about 1.9 KB). Raised to 384 KB for the
//     thirteenth session's review fixes (378.0 to 382.9 KB, measured build
//     by build): the diary's fixes (a read refused at load, the form kept
//     across pages, import messages and dates) 1.3 KB; the phases' own
//     words, grade status, card plurals, routes with capitals 0.6 KB; the
//     print sheet's bolus, Copy link without the clipboard API, the side
//     effects' address, focus after removals 2.1 KB; the diary's everyday
//     side-effect words, hidden characters in link values 0.6 KB; the
//     ladder's line on the print sheet 0.3 KB. Raised to 388 KB for the
//     fourteenth session's review fixes (383.3 to 386.2 KB, measured build
//     by build): a link's active= naming no scenario said, the diary's
//     liver-injury box kept while its entry is edited 0.4 KB; protocol
//     cards (dose changes on the infusion number refused, renamed imports
//     that replace only their own copy, a card's own figures shown with
//     its decimals, whole numbers written 6.0, files near the size limit
//     written compact) 0.7 KB; screen readers and zoom (warnings said,
//     the card editor's check read once typing pauses, focus kept on the
//     schedule's date, citations clear of the sticky column, whole tab
//     names, separators not read) 1.8 KB. Raised to 392 KB for the
//     fifteenth session's fixes (386.0 to 389.1 KB, measured build by
//     build): no rate shown above its cap 0.5 KB; the footer's separators,
//     a refused number's echo, an unchanged import kept 0.5 KB; imported
//     cards duplicated 0.6 KB; the limits' terms as used and the rate per
//     kg within its limits 0.3 KB; the card editor's draft kept in memory
//     when the tab's storage refuses it 0.7 KB; the diary's backups with
//     days after today, the clock named in the footer and the schedule,
//     the file's share link, the change of the figures shown 0.5 KB (the
//     start-up message for a browser that cannot start the app is HTML);
//     then 389.6 KB with the session total never shown above a session
//     cap and the editor's note on a brought-back draft (0.5 KB). Raised
//     to 396 KB for the sixteenth session's fixes (389.6 to 392.8 KB,
//     measured build by build; serving from a folder is no wasm change):
//     the diary import's note and the cards a page holds when storage
//     refuses a write 1.0 KB; the footer's clock on each page and hours to
//     4 decimals 0.2 KB; the review's fixes (only the cards imported since
//     the last saved write are kept, within the limits) 0.5 KB; the
//     audit's fixes (a card left out named, a save's line that follows its
//     own write, an identical import not saved, the footer's clock when
//     the tab is shown again) 0.6 KB; the re-test's fixes (a held card
//     kept only where the card it replaced is unchanged elsewhere, the
//     clash named, a left-out card's report) 0.9 KB, to 392.8 KB. Raised
//     to 400 KB on 2026-12-03 (392.8 to 395.9 KB, measured build by build):
//     a field id that is not a parameter name ignored, the schedule's
//     picker for a link naming two cards, active= given twice 0.5 KB; the
//     calculator's comparison of the scenarios at a glance 2.1 KB; a missing
//     entry named decoded, the schedule's booster note, the diary's blank
//     cells 0.2 KB; ids switched off that are no step of the card named
//     0.3 KB. Raised to 404 KB for the nineteenth session (395.8 to
//     401.0 KB, measured commit by commit): a card left out by another
//     tab's save named on the calculator, a refused removal's reload 0.7 KB;
//     a card's drug (S-ketamine said at its figures, sheet and bag), each
//     rate-setting figure's evidence in the card summary, Table 2's status,
//     the patient side effects' sources 1.4 KB; a field kept on screen when
//     a tablet turns, an error scrolled clear of the phone's rate line, the
//     schedule's evidence key 1.4 KB; the derived figures' arithmetic and
//     the summary's grouped citations 0.6 KB; the menu's reader view
//     1.1 KB (page numbers in print are CSS only); then the review's mends
//     1.4 KB, to 402.4 KB (S-ketamine held to half the racemic hard limits
//     and named in the comparison and the spoken line, the left-out note
//     by what is under the id, what a reload brings back after a refused
//     removal, the turn listener on a new width only). The twentieth
//     session, within the ceiling: each compound unit kept on one line for
//     Firefox (the figures' units, then `keep_units` in the calculator's
//     prose and tables and the reference tables) 0.6 KB, to 403.0 KB.
//     Raised to 408 KB for the twenty-first session's fixes (402.7 to
//     405.7 KB, measured commit by commit): the comparison's and the
//     breakdown's units kept whole in Firefox, S-ketamine's limits shown
//     exactly and marked as a direction, the printed inputs' units, the
//     dilution and pump notices 0.3 KB; a unit switch that never changes
//     the weight or height the engine reads (lb and inches read at the
//     precision typed, the fewest decimals that read back exactly), numbers
//     with more than six decimals refused, the range messages' ends and
//     the whole-number hints 1.2 KB (1.4 KB, less 0.2 KB with the lb and
//     inch ends as constants); texts a link gives twice that read alike
//     kept as one value 0.5 KB; the review's text fixes (a second block's
//     reason first, the ladder's name, a title's stop, the interaction
//     notice) 0.4 KB; the schedule's announcement and the diary import's
//     number messages 0.1 KB; the second review's mends (the printed and
//     refused weights and heights at the precision read, a height with no
//     exact text not switched) 0.2 KB, to 405.7 KB.
//     The twenty-second session, within the ceiling: units kept whole in
//     Firefox ESR 153 (the figures' arithmetic, the phone's rate line, the
//     messages, blocks, ladder and chart caption), the actual weight shown
//     as read, the height hint and the unit list that returns to cm 0.4 KB,
//     to 406.1 KB (405.5 to 405.9 KB in fresh clones).
//     The twenty-third session, within the ceiling (405.9 to 407.0 KB,
//     measured at three points): 406.5 KB with the figures beside a
//     threshold kept on their side (the minimum trial's total, the bag over
//     50 mg/mL, the pump rate under 1 mL/h, the bolus rounded down, the bag
//     and height as read) and links refused past 2,000 values (the
//     schedule's trimmed values and digit-only dates, decoded entry ids,
//     views in any case), built together; 406.8 KB with five unknown ids
//     named and the rest counted, the content rewording and the patients'
//     reading note (fresh clone); 407.0 KB with the review's mends (fresh
//     clone). Raised to 410 KB for the twenty-fourth session's audit fixes
//     (407.0 to 408.1 KB, measured at two points): 407.7 KB with age and
//     infusion number refusing a sign, the diary form's limit of 20 side
//     effects, S-ketamine's own limit in a card message, card thresholds
//     shown as given (at most 4 decimals), a field written twice named in
//     a JSON error with its column in characters, and the card editor's
//     downloaded changes kept; 408.1 KB with a link to a saved card that
//     fails the checks said to be unusable, not missing. Raised to 412 KB
//     for the share link's check of an imported card's content
//     (`card_check`: the hash, the check worked out once per library, the
//     notice when a browser holds another card under the id), 408.1 to
//     409.6 KB. Raised to 413 KB for the schedule's three fixes (411.4 to
//     412.9 KB): the calendar's DTSTAMP to the second and its UID tag
//     (0.2 KB), a link's date whose month has no such day said so (0.6 KB),
//     and a date field left half typed or impossible told from a cleared
//     one by validity.badInput (0.5 KB). Raised to 418 KB for the rest of
//     stop 35's review fixes, 410.8 KB at its start to 417.1 KB with the
//     schedule's above: the card picker a component again (0.4 KB), a stop
//     on valid fields shown beside a refused one (0.8 KB), links with long
//     ids, skipped scenario numbers and missing entries, the side effects'
//     search words and their "not given" filter choice, the diary's report and deletion
//     lines (together about 1.6 KB), and imported card texts: the editor's
//     tense, sizes written as the labels write them and the invisible
//     characters and stacked marks refused (1.6 KB).
//     Raised to 421 KB for the diary review's fixes: the form's unsaved
//     work kept for the tab (session storage) and brought back after a
//     reload, with its lines and "Clear the form" (417.8 to 420.4 KB).
//     Raised to 422 KB for the next two: a file that is not a diary said
//     in a patient's words (a protocol card named as one) 0.6 KB, and the
//     whole diary's deletion line cleared once the diary changes again
//     (under 0.1 KB), to 421.0 KB. Then, within the ceiling, the chart's
//     lines broken across more than 7 days without a reading, and said
//     so, 0.4 KB, to 421.4 KB.
//     Raised to 427 KB for stop 36's review fixes made beside them (417.3 KB
//     at the stop's start; measured build by build): a diary export of the
//     builds of 1-2 Dec imported with its empty days and refused note
//     characters tidied and named, and the steps table's rows keyed so that
//     a "Switch off" button keeps its focus (together 0.8 KB); a
//     contraindication the card has no rule for stopped by a compiled rule
//     with its reasons and sources (1.5 KB); the patients' day of an
//     infusion and the side effects' texts, a search that finds other forms
//     of a word, the print sheet's card figures and arithmetic, numbers in
//     messages with their leading zero, invisible characters in card
//     problems as code points and the JSON reader's named tab and line
//     break (together 2.3 KB); then a nameless link parameter said so, the
//     card reader's deep paths cut to 8 levels and the day of an infusion
//     in the clinical view (about 0.6 KB): 426.1 KB with the diary's above.
//     Within the ceiling: the print sheet's caps and titration alone
//     (0.3 KB) and a link's card_check kept until its scenario is edited
//     (0.4 KB), to 426.8 KB.
//     Raised to 434, then 435 KB for stop 37's fixes (426.8 KB at the stop's start;
//     measured build by build): an imported card's contraindications
//     without a rule and a name that reads like a built-in card's, said on
//     its page, in the import report and the editor (2.2 KB, 429.0 KB); a
//     link's card_check with no card compared with the default card and the
//     home page's taller links (0.4 KB); the diary chart's choice of 30, 90
//     or 365 days (2.3 KB, 431.7 KB); the patient view's own sources for a
//     duration and a stopped calculation's warnings that still apply, on
//     screen, on paper, in the comparison and the live region (1.3 KB); a
//     cap that holds the rate shown warns (0.4 KB), to 433.4 KB; then the
//     review's fixes (a cap's warning with the titration's figure, an
//     imported card's cautions under their own heading, a card_check with
//     no card not kept, the diary chart forgetting a period; 0.7 KB), to
//     434.1 KB, and the ceiling to 435 KB.
//     Raised to 437 KB for stop 39's fixes (434.5 KB at the stop's start):
//     rows of links without hanging dots (-0.1 KB) and the schedule's booster
//     line and cleared-date hint (0.2 KB), to 434.6 KB; then the fixes of
//     three audience reviews (a condition the card does not list noticed,
//     the comparison counting notices, the tablet's line naming its scenario,
//     scenario names on the table regions, the home page's way into compare
//     mode, error prefixes as the fields' labels, the diary's errors cleared
//     by a change and its focus after deleting it all, the print sheet's
//     line for a stopped result; 1.0 KB), to 435.6 KB; and the patient view
//     without the seed table's badge, plainer diary import reports (0.1 KB),
//     to 435.7 KB.
//     Stop 40: the Talc allocator instead of dlmalloc (-3.0 KB), to 432.5 KB;
//     then the lb and inch hints with the figure used, and the diary's
//     "Bring back what was cleared" (0.6 KB), to 433.1 KB; the frequency
//     filter as radio buttons (-0.1 KB), to 433.0 KB; and the ceiling
//     lowered to 435 KB, so the room the allocator made is not spent unseen.
//     Then the review's fixes (the phone line's own text, the diary's focus,
//     the empty-search text; 0.3 KB) and a height typed in feet and inches
//     refused with the inches to type (0.6 KB, read a character at a time:
//     written with string replacing it cost 1.3 KB), to 433.9 KB; then the
//     second review's fixes (feet and inches read in pieces, the phone
//     line's dose never cut short; 0.2 KB), to 434.1 KB.
//     Stop 41: results shared with their panels by Rc (-1.8 KB) and the
//     protocol page's focus requests as one effect (-0.8 KB) paid for most
//     of three reviews' fixes: absolute contraindications that no card's
//     rule can turn into a dose, and the card pages saying so; the hard
//     limits in the card summary; focus after an edited card's import, a
//     refused one and the diary's "Start a new diary" question; Escape in
//     every inline question; live regions ("Start again", a second reason
//     to stop, the schedule read once the date is typed, a second copy of
//     the link); the titration warning's figure as its step; the folded
//     "Cited by" lists; whole numbers in card files without ".0" (the link's
//     card check kept); the booster windows said to overlap only when they
//     do; an indication listed twice refused (0.6 KB with a BTreeSet, 0.1 KB
//     as a look back over the list); wording. From 434.1 to 434.8 KB, and
//     the ceiling raised to 436 KB, as a build one byte over a ceiling it
//     meets to the byte would fail.
//     Stop 42: two reviews' fixes (the diary's save line in view on a phone,
//     a form left overnight following the day, a question before a reload
//     loses entries the browser does not keep, chart periods from today;
//     lb echoed with its typed decimals; the comparison's infusion row,
//     switched-off steps and imported mark; card-file syntax messages;
//     1.7 KB) took it to 436.5 KB; then nine size changes (-12.4 KB:
//     wasm-opt's reorder-functions-by-name 5.3 KB, choice enums read from
//     tables 2.3 KB, five B-trees replaced by short lists 4.3 KB, two
//     effects joined 0.3 KB), and the sources on the printed sheet with
//     their links (0.1 KB), to 424.1 KB; the ceiling lowered to 426 KB.
//     A budget that is not a number above 0 stops the check with a message. The app
//     shell alone measured 70.6 KB against its own 120 KB budget (issue 2).
//   single-file copy, raw:   SINGLE_FILE_BUDGET_KB (default 600, issue 6)
import { readFileSync } from 'node:fs';

const stop = (message) => {
  console.error(`size-budget: ${message}`);
  process.exit(2);
};
/** A budget in KB from the environment: a positive number, or the default. */
function budgetKb(name, fallback) {
  const text = process.env[name] ?? String(fallback);
  const kb = Number(text);
  if (text.trim() === '' || !Number.isFinite(kb) || kb <= 0) stop(`${name} must be a number of KB above 0, not "${text}"`);
  return kb;
}
const reportFile = new URL('../target/size-report.json', import.meta.url);
let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (e) {
  stop(`cannot read ${reportFile.pathname} (${e.message}); run scripts/build.sh first`);
}
const budgets = [
  ['wasm + JS (gzipped)', report.wasm_plus_js_gzip, budgetKb('WASM_JS_BUDGET_KB', 426)],
  ['single-file copy (raw)', report.single_file.raw, budgetKb('SINGLE_FILE_BUDGET_KB', 600)],
];
let failed = false;
for (const [name, bytes, budgetKb] of budgets) {
  const kb = bytes / 1024;
  const ok = kb <= budgetKb;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${kb.toFixed(1)} KB of ${budgetKb} KB`);
}
process.exit(failed ? 1 : 0);
