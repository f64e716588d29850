// What a test opens beyond its suite's own fixtures (an extra emulator or gateway, an SDK client with
// special settings) is closed after that test whether it passed or not: a failed assertion must not
// leave a server running into the next tests.

type Closable = { close(): unknown } | { destroy(): unknown };

/**
 * Registers an afterEach hook in the calling suite and returns `closeAfterTest`, which hands a resource
 * back unchanged and closes it (close(), else destroy()) once the current test has ended.
 */
export function closedAfterEachTest(): <T extends Closable>(resource: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) {
      await ('close' in resource ? resource.close() : resource.destroy());
    }
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}
