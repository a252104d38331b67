/**
 * undici's Agent behind an ES module of our own, so the sender can load it lazily with `import()`: a dynamic
 * import of a CommonJS package straight from the bundle (scripts/bundle.mjs, with code splitting) yields only its
 * `default`, while this module's static named import is resolved by the bundler in every build.
 */
export { Agent } from 'undici';
