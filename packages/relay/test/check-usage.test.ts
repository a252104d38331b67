import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatJunit, formatPlain } from '../src/check/reports.js';
import { summarize, type CheckResult } from '../src/check/check-result.js';
import { escapeXml, escapeXmlAttribute } from '../src/check/xml-escape.js';
import { runCheckCli, scratchDir } from './support/check-cli.js';

// Nothing listens here: bad usage must be refused before anything is sent.
const ENDPOINT = 'http://127.0.0.1:9/hooks';

describe('hookline check: bad usage exits 2 and says what to fix', function () {
  this.timeout(20_000);
  const scratch = scratchDir();
  after(() => scratch.remove());

  async function refused(args: string[], expected: RegExp): Promise<void> {
    const result = await runCheckCli(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, expected);
  }

  it('an unknown scenario names the ones there are', () =>
    refused(['--endpoint', ENDPOINT, '--scenario', 'smok'], /--scenario: Unknown scenario "smok": use smoke, duplicates, out-of-order, company-level, burst, fan-out, all-resources, or the path of a scenario file/));

  it('a malformed scenario file names each field and what is allowed', async () => {
    const file = scratch.file('bad.json', { name: 'Bad Name', events: [{ resource_name: 'Bids', event_type: 'create', copies: 0 }, { resource_name: 'RFI', event_type: 'update' }] });
    await refused(['--endpoint', ENDPOINT, '--scenario', file], /is not a valid scenario:\n {2}name must be lowercase a-z, 0-9 and -/);
    const result = await runCheckCli(['--endpoint', ENDPOINT, '--scenario', file]);
    assert.match(result.stderr, /events\[0\]\.event_type must be an event type "Bids" offers update; got "create"\./);
    assert.match(result.stderr, /events\[0\]\.copies must be a whole number from 1 to 10; got 0\./);
    assert.match(result.stderr, /events\[1\]\.resource_name .*Did you mean "RFIs"\?/);
    await refused(['--endpoint', ENDPOINT, '--scenario', scratch.file('broken.json', '{"name":')], /broken\.json is not a valid scenario:\n {2}\(file\) is not valid JSON/);
    await refused(['--endpoint', ENDPOINT, '--scenario', scratch.file('flow.yaml', 'name: x')], /scenario files are JSON; YAML is not supported/);
    await refused(['--endpoint', ENDPOINT, '--scenario', `${scratch.dir}/missing.json`], /missing\.json: no such file/);
  });

  it('a missing or bad endpoint, resource, payload version, timeout or option is refused', async () => {
    await refused(['--scenario', 'smoke'], /required option '--endpoint <url>' not specified/);
    await refused(['--endpoint', 'ftp://example.com/'], /--endpoint: .*http:\/\/ or https:\/\//);
    await refused(['--endpoint', ENDPOINT, '--resource', 'RFI'], /--resource: Unknown resource "RFI"\. Did you mean "RFIs"\?/);
    await refused(['--endpoint', ENDPOINT, '--payload-version', 'v5.0'], /--payload-version must be v2\.0, v3\.0 or v4\.0; got "v5\.0"/);
    await refused(['--endpoint', ENDPOINT, '--timeout-ms', 'soon'], /--timeout-ms must be a whole number from 100 to 60000; got "soon"/);
    await refused(['--endpoint', ENDPOINT, '--retries', '3'], /unknown option '--retries'/);
  });
});

describe('check reports', () => {
  const nasty = 'a <b> & "c" \'d\'\u0000\u0007 é 💥';
  const checks: CheckResult[] = [
    { scenario: 'smoke', name: 'RFIs.create', ok: true, level: 'ok', message: 'Answered 200 in 3 ms.', consequence: null, durationMs: 3 },
    { scenario: 'smoke', name: 'RFIs.update', ok: true, level: 'warn', message: 'Answered 200 in 3000 ms, slow.', consequence: 'None yet.', durationMs: 3000 },
    { scenario: 'odd & "named"', name: nasty, ok: false, level: 'fail', message: `Answered 400: ${nasty}`, consequence: 'Procore pauses.\nThen discards.', durationMs: 12 },
  ];

  it('escapes the five markup characters and drops what XML cannot hold', () => {
    assert.equal(escapeXml(nasty), 'a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; é 💥');
    assert.equal(escapeXmlAttribute('one\ntwo\tthree'), 'one&#10;two&#9;three');
    assert.equal(escapeXml('\uD800 lone'), ' lone');
  });

  it('writes JUnit XML that parses back to the same suites, cases, messages and consequences', () => {
    const xml = formatJunit(summarize(checks));
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; testcase: { name: string; failure?: { message: string; '#text': string }; 'system-out'?: string }[] }[] };
    };
    assert.equal(parsed.testsuites.tests, '3');
    assert.equal(parsed.testsuites.failures, '1');
    assert.deepEqual(parsed.testsuites.testsuite.map((s) => [s.name, s.tests]), [['smoke', '2'], ['odd & "named"', '1']]);
    const failing = parsed.testsuites.testsuite[1]?.testcase[0];
    assert.equal(failing?.name, 'a <b> & "c" \'d\' é 💥');
    assert.equal(failing?.failure?.message, 'Answered 400: a <b> & "c" \'d\' é 💥');
    assert.equal(failing?.failure?.['#text'], 'Answered 400: a <b> & "c" \'d\' é 💥\nProcore pauses.\nThen discards.');
    assert.match(parsed.testsuites.testsuite[0]?.testcase[1]?.['system-out'] ?? '', /^warning: Answered 200 in 3000 ms/);
  });

  it('prints one line per check and the totals last', () => {
    assert.deepEqual(formatPlain(summarize(checks)), [
      '✓ smoke RFIs.create: Answered 200 in 3 ms.',
      '✓ smoke RFIs.update: warning: Answered 200 in 3000 ms, slow.',
      `✗ odd & "named" ${nasty}: Answered 400: ${nasty} Procore pauses. Then discards.`,
      '2 passed, 1 failed',
    ]);
  });
});
