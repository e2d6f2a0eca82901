/**
 * Both bots of the turns bench answer memory questions over IPC (heap vs RSS tells a live-object problem from a
 * heap-sizing one): 'mem' now, 'gc+mem' right after a full GC (the child runs with --expose-gc).
 */
export function answerMemoryProbes(): void {
  process.on('message', (m) => {
    if (m === 'gc+mem') (globalThis as { gc?: () => void }).gc?.();
    if (m === 'mem' || m === 'gc+mem') process.send?.({ mem: process.memoryUsage() });
  });
}
