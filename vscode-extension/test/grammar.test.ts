// Grammar tests: a scope baseline per example contract, plus the colouring rules that matter to authors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { contractFromSnippets } from './snippets';
import { exampleFiles, extensionRoot, repositoryRoot, scopeBaseline, tokenize, ScopedToken } from './grammar';

const baselineDir = path.join(extensionRoot, 'test', 'baselines');
const update = process.env.SLA_UPDATE_BASELINES === '1';

function baselineName(example: string): string {
  return example.replace(/\//g, '__') + '.scopes';
}

const examples = exampleFiles();

test('there are example contracts to check the grammar against', () => {
  assert.ok(examples.includes('novaterra/novaterra.sla'), `examples found: ${examples.join(', ')}`);
});

for (const example of examples) {
  test(`scopes of examples/${example} match the baseline`, async () => {
    const text = fs.readFileSync(path.join(repositoryRoot, 'examples', example), 'utf8');
    const actual = await scopeBaseline(text);
    const file = path.join(baselineDir, baselineName(example));
    if (update) {
      fs.mkdirSync(baselineDir, { recursive: true });
      fs.writeFileSync(file, actual);
      return;
    }
    assert.ok(fs.existsSync(file), `missing baseline ${file}: run SLA_UPDATE_BASELINES=1 npm test and review the diff`);
    assert.equal(actual, fs.readFileSync(file, 'utf8'),
      `scopes of ${example} changed: run SLA_UPDATE_BASELINES=1 npm test and review the diff of ${file}`);
  });
}

test('every baseline belongs to an existing example', () => {
  const expected = new Set(examples.map(baselineName));
  const orphans = fs.readdirSync(baselineDir).filter((f) => f.endsWith('.scopes') && !expected.has(f));
  assert.deepEqual(orphans, []);
});

/** Tokens of a one-line snippet, as [text, innermost-meaningful scopes] pairs, whitespace dropped. */
async function line(text: string): Promise<ScopedToken[]> {
  const [tokens] = await tokenize(text);
  return tokens.filter((t) => t.text.trim() !== '');
}

async function scopeOf(text: string, word: string, occurrence = 0): Promise<string[]> {
  const tokens = (await line(text)).filter((t) => t.text === word);
  assert.ok(tokens.length > occurrence, `no token '${word}' (#${occurrence}) in ${JSON.stringify(text)}: ${JSON.stringify(await line(text))}`);
  return tokens[occurrence].scopes;
}

async function lastScope(text: string, word: string, occurrence = 0): Promise<string> {
  const scopes = await scopeOf(text, word, occurrence);
  return scopes[scopes.length - 1];
}

test('a role named target is a name, not the target keyword, wherever a name stands', async () => {
  assert.equal(await lastScope('  role target of NovaTerra', 'target'), 'entity.name.type.declaration.sla');
  assert.equal(await lastScope('  chair target', 'target'), 'variable.other.role.sla');
  assert.equal(await lastScope('    after 2h notify target', 'target'), 'variable.other.role.sla');
  assert.equal(await lastScope('  members ITDirector, target', 'target'), 'variable.other.role.sla');
  const [, header] = await tokenize('raci {\n  roles ITDirector target\n  Patching A R\n}');
  assert.deepEqual(header.filter((t) => t.text === 'target').map((t) => t.scopes.at(-1)), ['variable.other.role.sla']);
  assert.equal(await lastScope('  target >= 99.93%', 'target'), 'keyword.other.clause.sla');
  assert.equal(await lastScope('objective R { indicator reopen_rate; target <= 5% }', 'target'), 'keyword.other.clause.sla');
});

test('1h30min is one duration token', async () => {
  const tokens = await line('  recovery_test every 6 months rto 1h30min rpo 15min');
  const durations = tokens.filter((t) => t.scopes.includes('constant.numeric.duration.sla')).map((t) => t.text);
  assert.deepEqual(durations, ['1h30min', '15min']);
});

test('every duration unit is one duration token', async () => {
  const tokens = await line('x 500ms 90s 30min 4h 2d 1w 1h30min');
  assert.deepEqual(tokens.slice(1).map((t) => [t.text, t.scopes.at(-1)]), [
    ['500ms', 'constant.numeric.duration.sla'], ['90s', 'constant.numeric.duration.sla'],
    ['30min', 'constant.numeric.duration.sla'], ['4h', 'constant.numeric.duration.sla'],
    ['2d', 'constant.numeric.duration.sla'], ['1w', 'constant.numeric.duration.sla'],
    ['1h30min', 'constant.numeric.duration.sla'],
  ]);
});

test('/// is a doc comment, // a line comment, /* */ a block comment over lines', async () => {
  const doc = await line('/// Monitoring of the plants.');
  assert.deepEqual(doc.map((t) => t.text), ['///', ' Monitoring of the plants.']);
  assert.ok(doc.every((t) => t.scopes.includes('comment.line.documentation.sla')));
  assert.ok(!(await scopeOf('//// banner', '//')).includes('comment.line.documentation.sla'));
  assert.ok((await scopeOf('// plain', ' plain')).includes('comment.line.double-slash.sla'));
  assert.ok(!(await scopeOf('// plain', ' plain')).includes('comment.line.documentation.sla'));
  const lines = await tokenize('/* one\n target >= 5% */ target');
  assert.ok(lines[1][0].scopes.includes('comment.block.sla'));
  assert.equal(lines[1].at(-1)!.text.trim(), 'target');
  assert.ok(!lines[1].at(-1)!.scopes.includes('comment.block.sla'));
});

test('strings colour their escapes and flag unknown ones', async () => {
  const tokens = await line('  deliver "a \\"b\\" \\\\ \\n \\t \\u{1F600} \\q"');
  const escapes = tokens.filter((t) => t.scopes.includes('constant.character.escape.sla')).map((t) => t.text);
  assert.deepEqual(escapes, ['\\"', '\\"', '\\\\', '\\n', '\\t', '\\u{1F600}']);
  assert.deepEqual(tokens.filter((t) => t.scopes.includes('invalid.illegal.escape.sla')).map((t) => t.text), ['\\q']);
  assert.ok(tokens.every((t, i) => i === 0 || t.scopes.includes('string.quoted.double.sla')));
});

test('every literal kind gets its own scope', async () => {
  const cases: Array<[string, string, string]> = [
    ['  target >= 99.93%', '99.93%', 'constant.numeric.percent.sla'],
    ['  when < 0.5% credit 5%', '0.5%', 'constant.numeric.percent.sla'],
    ['  due 5bd after period end', '5bd', 'constant.numeric.working-days.sla'],
    ['  term 2026-01-01 .. 2028-12-31', '2026-01-01', 'constant.numeric.date.sla'],
    ['  hours mon-fri 08:00-18:00', '08:00', 'constant.numeric.time.sla'],
    ['  hours mon-fri 08:00-18:00', '18:00', 'constant.numeric.time.sla'],
    ['  hours mon-fri 08:00-18:00', 'mon-fri', 'constant.other.dayset.sla'],
    ['  hours mon,wed,fri 08:00-12:00', 'mon,wed,fri', 'constant.other.dayset.sla'],
    ['  hours sat 09:00-12:00', 'sat', 'constant.other.dayset.sla'],
    ['  holidays 2026-05-01T08:00', '2026-05-01T08:00', 'constant.numeric.datetime.sla'],
    ['  overlap 2 months', '2', 'constant.numeric.decimal.sla'],
    ['  overlap 2 months', 'months', 'constant.language.period.sla'],
  ];
  for (const [text, word, scope] of cases) {
    assert.equal(await lastScope(text, word), scope, `${word} in ${JSON.stringify(text)}`);
  }
  const money = await line('  fee 1250.50 EUR per month');
  assert.deepEqual(money.find((t) => t.text === '1250.50')!.scopes.slice(-2), ['constant.numeric.money.sla', 'constant.numeric.amount.sla']);
  assert.deepEqual(money.find((t) => t.text === 'EUR')!.scopes.slice(-2), ['constant.numeric.money.sla', 'support.constant.currency.sla']);
});

test('declared names are coloured after every declaration keyword', async () => {
  for (const keyword of ['contract', 'party', 'role', 'calendar', 'severity', 'service', 'objective', 'penalty',
    'escalation', 'committee', 'obligation', 'phase']) {
    const text = `  ${keyword} Thing `;
    assert.equal(await lastScope(text, keyword), 'keyword.declaration.sla', keyword);
    assert.equal(await lastScope(text, 'Thing'), 'entity.name.type.declaration.sla', keyword);
  }
  assert.equal(await lastScope('  indicator mttr where severity == sev1', 'severity'), 'variable.language.field.sla');
  assert.equal(await lastScope('  indicator mttr where severity == sev1', '=='), 'keyword.operator.comparison.sla');
  assert.equal(await lastScope('  penalty P on Availability {', 'Availability'), 'variable.other.objective.sla');
  assert.equal(await lastScope('  during Business', 'Business'), 'variable.other.calendar.sla');
  assert.equal(await lastScope('  by Infogen', 'Infogen'), 'variable.other.party.sla');
});

test('RACI cells are coloured as RACI letters and the activity as a name', async () => {
  const lines = await tokenize('raci {\n  roles A1 B1 C1\n  SapTma "SAP run" A R -\n  Other RA CI I\n}');
  const row = lines[2].filter((t) => t.text.trim() !== '');
  assert.equal(row[0].scopes.at(-1), 'entity.name.tag.activity.sla');
  assert.deepEqual(row.slice(-3).map((t) => [t.text, t.scopes.at(-1)]), [
    ['A', 'constant.language.raci.sla'], ['R', 'constant.language.raci.sla'], ['-', 'constant.language.raci.empty.sla'],
  ]);
  const other = lines[3].filter((t) => t.text.trim() !== '');
  assert.deepEqual(other.slice(1).map((t) => t.text), ['RA', 'CI', 'I']);
  assert.ok(other.slice(1).every((t) => t.scopes.at(-1) === 'constant.language.raci.sla'));
  assert.equal(lines[4][0].scopes.at(-1), 'punctuation.definition.block.end.sla');
});

test('neither the examples nor a contract made of the snippets colour anything as invalid', async () => {
  const texts = [contractFromSnippets(), ...examples.map((e) => fs.readFileSync(path.join(repositoryRoot, 'examples', e), 'utf8'))];
  for (const text of texts) {
    const invalid = (await tokenize(text)).flat().filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
    assert.deepEqual(invalid, []);
  }
});
