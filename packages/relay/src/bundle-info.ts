/**
 * What the relay knows about how it was built. Run from the workspace (tsc output), it reads its version from
 * package.json and its web assets from @hookline/webui. Run from the one-file bundle (`scripts/bundle.mjs`, the
 * npm package and the VS Code extension), esbuild replaces HOOKLINE_BUNDLE with the version, and the page's
 * assets lie in `web/` beside the bundle.
 */
declare const HOOKLINE_BUNDLE: { version: string } | undefined;

export interface BundleInfo {
  version: string;
}

export const bundleInfo: BundleInfo | undefined = typeof HOOKLINE_BUNDLE === 'undefined' ? undefined : HOOKLINE_BUNDLE;

/** The folder of the bundle's web assets, relative to the bundle file. */
export const BUNDLE_WEB_DIR = 'web';
