import assert from 'node:assert/strict';
import { HooklineError } from '../src/errors.js';
import {
  assertValid,
  isLoopbackHost,
  validateAuthorization,
  validateDestinationUrl,
  validateEndpoint,
  validateNamespace,
} from '../src/validation/endpoint.js';
import type { ValidationResult } from '../src/validation/issues.js';

/** The single error of a result, asserted to be the only finding. */
function onlyError(result: ValidationResult, field: string, code: string, message: string): void {
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors, [{ field, severity: 'error', code, message }]);
  assert.deepEqual(result.warnings, []);
}

function onlyWarning(result: ValidationResult, field: string, code: string, message: string): void {
  assert.equal(result.ok, true);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, [{ field, severity: 'warning', code, message }]);
}

function clean(result: ValidationResult): void {
  assert.deepEqual(result, { ok: true, errors: [], warnings: [] });
}

describe('validateDestinationUrl', () => {
  const url = (input: string, code: string, message: string) =>
    onlyError(validateDestinationUrl(input), 'destination_url', code, message);

  it('accepts https URLs and loopback http URLs without findings', () => {
    for (const ok of [
      'https://example.com/hooks',
      'https://example.com:8443/procore/webhooks?x=1',
      'HTTPS://EXAMPLE.COM/x',
      'http://localhost:3000/hooks',
      'http://127.0.0.1:8080/',
      'http://127.255.0.9/',
      'http://[::1]:3000/hooks',
      'http://api.localhost/hooks',
    ]) {
      clean(validateDestinationUrl(ok));
    }
  });

  it('asks for a URL when it is empty', () => {
    const message =
      'Enter the notification endpoint: the full URL Procore should POST events to, e.g. "https://example.com/procore/webhooks".';
    url('', 'HOOKLINE_ERR_MISSING_FIELD', message);
    url('   ', 'HOOKLINE_ERR_MISSING_FIELD', message);
  });

  it('says where whitespace is', () => {
    url(' https://example.com', 'HOOKLINE_ERR_URL_HAS_WHITESPACE', 'The endpoint starts with a space; remove it.');
    url('https://example.com/\n', 'HOOKLINE_ERR_URL_HAS_WHITESPACE', 'The endpoint ends with a line break; remove it.');
    url(
      'https://example.com/a b',
      'HOOKLINE_ERR_URL_HAS_WHITESPACE',
      'The endpoint contains a space at character 22; remove it (a space inside a path is written %20).',
    );
    url(
      'https://example.com/\ta',
      'HOOKLINE_ERR_URL_HAS_WHITESPACE',
      'The endpoint contains a tab at character 21; remove it (a space inside a path is written %20).',
    );
    url(
      'https://exa\u00a0mple.com/',
      'HOOKLINE_ERR_URL_HAS_WHITESPACE',
      'The endpoint contains a non-breaking space at character 12; remove it (a space inside a path is written %20).',
    );
  });

  it('asks for the scheme when the URL has none', () => {
    url('example.com/hooks', 'HOOKLINE_ERR_INVALID_URL', '"example.com/hooks" is not a full URL: start it with https:// or http://.');
    url('localhost:3000/hooks', 'HOOKLINE_ERR_INVALID_URL', '"localhost:3000/hooks" is not a full URL: start it with https:// or http://.');
    url('//example.com/hooks', 'HOOKLINE_ERR_INVALID_URL', '"//example.com/hooks" is not a full URL: start it with https:// or http://.');
  });

  it('names a scheme other than http or https', () => {
    const scheme = (input: string, name: string) =>
      url(input, 'HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME', `The endpoint uses "${name}:"; Procore only delivers to http:// or https:// URLs.`);
    scheme('ftp://example.com/x', 'ftp');
    scheme('javascript:alert(1)', 'javascript');
    scheme('file:///etc/passwd', 'file');
    scheme('WS://example.com/', 'ws');
  });

  it('points out a missing "//"', () => {
    url('https:/example.com/hooks', 'HOOKLINE_ERR_INVALID_URL', 'The endpoint is missing "//" after "https:": write "https://example.com/hooks".');
    url('http:example.com', 'HOOKLINE_ERR_INVALID_URL', 'The endpoint is missing "//" after "http:": write "http://example.com".');
  });

  it('reports a missing host', () => {
    const message = 'The endpoint has no host: put one after "https://", e.g. "https://example.com/hooks".';
    url('https://', 'HOOKLINE_ERR_URL_MISSING_HOST', message);
    url('https:///hooks', 'HOOKLINE_ERR_URL_MISSING_HOST', message);
    url('http://:8080/', 'HOOKLINE_ERR_URL_MISSING_HOST', 'The endpoint has no host: put one after "http://", e.g. "http://example.com/hooks".');
  });

  it('sends credentials to the Authorization Header field, without repeating them', () => {
    url(
      'https://user:s3cret@example.com/',
      'HOOKLINE_ERR_URL_HAS_CREDENTIALS',
      'The endpoint contains a user name and password before "@". Take credentials out of the URL and put them in the Authorization Header field instead, e.g. "Basic dXNlcjpwYXNz".',
    );
    url(
      'https://user@example.com/',
      'HOOKLINE_ERR_URL_HAS_CREDENTIALS',
      'The endpoint contains a user name before "@". Take credentials out of the URL and put them in the Authorization Header field instead, e.g. "Basic dXNlcjpwYXNz".',
    );
    assert.ok(!validateDestinationUrl('https://user:s3cret@example.com/').errors[0]?.message.includes('s3cret'));
  });

  it('gives the precise port message, including ports the URL parser rejects outright', () => {
    url('http://localhost:0/', 'HOOKLINE_ERR_URL_PORT_OUT_OF_RANGE', 'Port 0 is out of range: use a port from 1 to 65535.');
    url('http://localhost:65536/', 'HOOKLINE_ERR_URL_PORT_OUT_OF_RANGE', 'Port 65536 is out of range: use a port from 1 to 65535.');
    url('https://[::1]:70000/', 'HOOKLINE_ERR_URL_PORT_OUT_OF_RANGE', 'Port 70000 is out of range: use a port from 1 to 65535.');
    url('http://localhost:abc/', 'HOOKLINE_ERR_INVALID_URL', 'The port "abc" is not a number: use a port from 1 to 65535, or leave it out.');
    clean(validateDestinationUrl('http://localhost:65535/'));
    clean(validateDestinationUrl('https://example.com:1/'));
  });

  it('rejects a URL longer than 2048 characters', () => {
    const long = `https://example.com/${'a'.repeat(2029)}`;
    assert.equal(long.length, 2049);
    url(long, 'HOOKLINE_ERR_URL_TOO_LONG', 'The endpoint is 2049 characters long; the limit is 2048.');
    clean(validateDestinationUrl(long.slice(0, 2048)));
  });

  it('names an invalid host', () => {
    url(
      'https://exa<mple.com/',
      'HOOKLINE_ERR_INVALID_URL',
      '"https://exa<mple.com/" is not a valid URL: the host "exa<mple.com" is not a valid host name or IP address.',
    );
    url('http://999.1.1.1/', 'HOOKLINE_ERR_INVALID_URL', '"http://999.1.1.1/" is not a valid URL: the host "999.1.1.1" is not a valid host name or IP address.');
  });

  it('warns (without blocking) about plain http to a public host', () => {
    onlyWarning(
      validateDestinationUrl('http://example.com/hooks'),
      'destination_url',
      'HOOKLINE_WARN_PLAIN_HTTP',
      'Procore requires HTTPS for public endpoints: Hookline will deliver to http://example.com, but Procore would not. Use https:// before you register this endpoint with Procore.',
    );
    assert.equal(validateDestinationUrl('http://10.0.0.5:8080/').warnings[0]?.code, 'HOOKLINE_WARN_PLAIN_HTTP');
    assert.match(validateDestinationUrl('http://10.0.0.5:8080/').warnings[0]?.message ?? '', /http:\/\/10\.0\.0\.5:8080,/);
  });

  it('rejects input that is not a string', () => {
    url(42 as unknown as string, 'HOOKLINE_ERR_INVALID_FIELD', 'The notification endpoint must be a string.');
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, *.localhost, 127.0.0.0/8 and ::1', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '0:0:0:0:0:0:0:1', '::ffff:7f00:1']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it('does not mistake look-alikes for loopback', () => {
    for (const host of ['example.com', 'localhost.example.com', 'mylocalhost', '128.0.0.1', '127.0.0.256', '10.0.0.1', '0.0.0.0', '::2', '[::]', '127.0.0.1.nip.io']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});

describe('validateAuthorization', () => {
  const auth = (input: string, code: string, message: string) => onlyError(validateAuthorization(input), 'authorization', code, message);
  const formatHint = 'Most endpoints expect "<type> <credentials>", e.g. "Bearer 3f9c…" or "Basic dXNlcjpwYXNz".';

  it('accepts "<type> <credentials>" values and no value at all', () => {
    clean(validateAuthorization('Bearer 3f9c2a71b6d04e8a'));
    clean(validateAuthorization('Basic dXNlcjpwYXNz'));
    clean(validateAuthorization('Digest username="a", realm="b"'));
    clean(validateAuthorization(''));
  });

  it('rejects CR or LF as header injection', () => {
    const message =
      'The Authorization header contains a line break at character 11. A line break would let the value inject other HTTP headers (header injection), so it is not allowed: put the value on one line.';
    auth('Bearer abc\r\nX-Evil: 1', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', message);
    auth('Bearer abc\nX', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', message);
  });

  it('names the position and kind of any other character that is not visible ASCII', () => {
    const tail = '; only visible ASCII characters and spaces are allowed.';
    auth('Bearer\tabc', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains a tab (U+0009) at character 7${tail}`);
    auth('Bearer a\u0000b', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains the control character U+0000 at character 9${tail}`);
    auth('Bearer ab\u007f', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains the control character U+007F at character 10${tail}`);
    auth(
      'Bearer abc\u00a0',
      'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS',
      `The Authorization header contains the non-ASCII character U+00A0 (a non-breaking space, often pasted from a document) at character 11${tail}`,
    );
    auth('Bearer \u201cabc\u201d', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains the non-ASCII character U+201C (a curly quote) at character 8${tail}`);
    auth('Bearer é', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains the non-ASCII character U+00E9 at character 8${tail}`);
    auth('Bearer 😀', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS', `The Authorization header contains the non-ASCII character U+1F600 at character 8${tail}`);
  });

  it('limits the length to 4096 characters', () => {
    auth(`Bearer ${'x'.repeat(4090)}`, 'HOOKLINE_ERR_AUTHORIZATION_TOO_LONG', 'The Authorization header is 4097 characters long; the limit is 4096.');
    clean(validateAuthorization(`Bearer ${'x'.repeat(4089)}`));
  });

  it('hints at "<type> <credentials>" when the value does not look like it', () => {
    const warn = (input: string, message: string) =>
      onlyWarning(validateAuthorization(input), 'authorization', 'HOOKLINE_WARN_AUTHORIZATION_FORMAT', message);
    warn('3f9c2a71b6d04e8a', `The Authorization header is a single word, with no type such as "Bearer" or "Basic" in front. ${formatHint}`);
    warn('Bearer', `The Authorization header is only a type, with no credentials after it. ${formatHint}`);
    warn('"quoted" token', `The Authorization header does not start with a type such as "Bearer" or "Basic". ${formatHint}`);
  });

  it('warns about spaces HTTP would drop', () => {
    const message = (where: string) =>
      `The Authorization header ${where} with a space. HTTP drops spaces around a header value, so the endpoint would receive it without them: remove the space.`;
    onlyWarning(validateAuthorization(' Bearer abc'), 'authorization', 'HOOKLINE_WARN_AUTHORIZATION_FORMAT', message('starts'));
    onlyWarning(validateAuthorization('Bearer abc '), 'authorization', 'HOOKLINE_WARN_AUTHORIZATION_FORMAT', message('ends'));
  });

  it('never repeats the secret in a message', () => {
    for (const value of ['s3cretT0ken', 'Bearer s3cretT0ken\n', 'Bearer s3cretT0ken\u00a0', ' s3cretT0ken', `Bearer s3cretT0ken${'x'.repeat(5000)}`]) {
      const result = validateAuthorization(value);
      for (const issue of [...result.errors, ...result.warnings]) assert.ok(!issue.message.includes('s3cret'), issue.message);
      assert.ok(result.errors.length + result.warnings.length > 0, value);
    }
  });
});

describe('validateNamespace', () => {
  const ns = (input: string, message: string) => onlyError(validateNamespace(input), 'namespace', 'HOOKLINE_ERR_INVALID_NAMESPACE', message);

  it('accepts lowercase a-z, 0-9 and "-" up to 64 characters', () => {
    clean(validateNamespace('hookline'));
    clean(validateNamespace('my-integration-2'));
    clean(validateNamespace('a'.repeat(64)));
  });

  it('says which character is wrong', () => {
    const prefix = 'The namespace may contain only lowercase a-z, 0-9 and "-": ';
    ns('My-App', `${prefix}character 1 is "M". Use "my-app".`);
    ns('my_app', `${prefix}character 3 is "_".`);
    ns('my app', `${prefix}character 3 is a space.`);
    ns('app!', `${prefix}character 4 is "!".`);
    ns('café', `${prefix}character 4 is "é".`);
  });

  it('asks for a namespace when empty and limits the length', () => {
    ns('', 'Enter a namespace: lowercase letters a-z, digits 0-9 and "-", e.g. "my-integration".');
    ns('a'.repeat(65), 'The namespace is 65 characters long; the limit is 64.');
  });
});

describe('validateEndpoint and assertValid', () => {
  it('merges the URL and Authorization findings', () => {
    const result = validateEndpoint({ destinationUrl: 'http://example.com/hooks', authorization: 'token-without-type' });
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.warnings.map((w) => [w.field, w.code]),
      [
        ['destination_url', 'HOOKLINE_WARN_PLAIN_HTTP'],
        ['authorization', 'HOOKLINE_WARN_AUTHORIZATION_FORMAT'],
      ],
    );
    const bad = validateEndpoint({ destinationUrl: 'ftp://x', authorization: 'Bearer a\nb' });
    assert.deepEqual(
      bad.errors.map((e) => e.code),
      ['HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME', 'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS'],
    );
    clean(validateEndpoint({ destinationUrl: 'https://example.com/', authorization: null }));
    clean(validateEndpoint({ destinationUrl: 'https://example.com/' }));
  });

  it('assertValid throws the first error as a HooklineError and passes warnings', () => {
    assert.doesNotThrow(() => assertValid(validateDestinationUrl('http://example.com/')));
    const result = validateEndpoint({ destinationUrl: 'ftp://x', authorization: 'Bearer a\nb' });
    try {
      assertValid(result);
      assert.fail('expected a throw');
    } catch (err) {
      assert.ok(err instanceof HooklineError);
      assert.equal(err.code, 'HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME');
      assert.equal(err.status, 422);
      assert.equal(err.field, 'destination_url');
      assert.equal(err.message, 'The endpoint uses "ftp:"; Procore only delivers to http:// or https:// URLs.');
      assert.deepEqual(err.details, { errors: result.errors, warnings: result.warnings });
    }
  });
});
