/**
 * The web page's script and stylesheet, bundled by @hookline/webui (`pnpm run bundle`) and served from here:
 * no CDN, so the page works offline. Only bundle files are served, by a fixed name pattern.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_WEB_DIR, bundleInfo } from '../bundle-info.js';

const ASSET_NAME = /^[a-z][a-z0-9-]*\.(js|css)(\.map)?$/;
const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

export function defaultAssetDir(): string {
  if (bundleInfo) return join(dirname(fileURLToPath(import.meta.url)), BUNDLE_WEB_DIR);
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@hookline/webui/package.json')), 'dist', 'bundle');
}

export class AssetStore {
  constructor(readonly dir: string = defaultAssetDir()) {}

  /** The named bundle file, or null when the name is not a bundle file or it does not exist (not built). */
  async read(name: string): Promise<Asset | null> {
    const match = ASSET_NAME.exec(name);
    if (!match) return null;
    try {
      const body = await readFile(join(this.dir, name));
      const extension = name.endsWith('.map') ? 'map' : (match[1] as string);
      return { body, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
    } catch {
      return null;
    }
  }
}
