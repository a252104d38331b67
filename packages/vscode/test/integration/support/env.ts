/** What the runner (scripts/test-integration.mjs) and the shim pass to the tests through the environment. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests with scripts/test-integration.mjs.`);
  return value;
}

export const testEnv = {
  /** The Node that runs the relay CLI (the repository's Node, whose ABI better-sqlite3 was built for). */
  node: () => required('HOOKLINE_TEST_NODE'),
  repoRoot: () => required('HOOKLINE_REPO_ROOT'),
  results: () => required('HOOKLINE_TEST_RESULTS'),
  scratch: () => required('HOOKLINE_HOST_TMP'),
  uiDriver: () => required('HOOKLINE_UI_DRIVER_URL'),
};
