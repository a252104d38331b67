/** The HTML shell of the web page and the headers that lock it down (scripts and styles only from here). */
import type { Response } from 'express';

export const PAGE_SCRIPT = 'page.js';
export const PAGE_STYLE = 'page-style.css';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>Hookline · Company Webhooks</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${PAGE_STYLE}">
<script type="module" src="/assets/${PAGE_SCRIPT}"></script>
</head>
<body>
<main id="app" class="hl-page" aria-busy="true">
<noscript>This page needs JavaScript. The same configuration is available from the command line: run "hookline --help".</noscript>
</main>
</body>
</html>
`;
}

export function notBuiltHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hookline</title></head><body>
<h1>Hookline</h1><p>The web page has not been built. In the Hookline repository run <code>npm run build</code>, then reload.</p>
</body></html>
`;
}

export function setPageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
