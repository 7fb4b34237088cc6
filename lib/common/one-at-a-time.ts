/** Runs the tasks given to it one after another, each once the one before has settled, in the order given. */
export type OneAtATime = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A queue of tasks run one at a time, for steps that must not interleave within a process.
 * @example const serial = oneAtATime(); await serial(() => chooseIdThenAdd());
 */
export function oneAtATime(): OneAtATime {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}
