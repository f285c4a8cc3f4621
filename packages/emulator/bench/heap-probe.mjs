// The memory figure's probe, preloaded into the emulator (`node --expose-gc --import ./heap-probe.mjs main.js`):
// on SIGUSR2 it collects garbage and prints the heap as one line on stderr, so that the benchmark reads the real
// emulator's heap without a hook in the emulator's own code.
process.on('SIGUSR2', () => {
  const gc = /** @type {() => void} */ (globalThis.gc);
  gc();
  gc();
  const { heapUsed, rss, external } = process.memoryUsage();
  process.stderr.write(`heap-probe ${JSON.stringify({ heapUsed, rss, external })}\n`);
});
