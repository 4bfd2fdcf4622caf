/**
 * Work spread over worker threads and this one, one task at a time each,
 * results in the order of the tasks. The workers run the CLI bundle itself (main.ts
 * starts `serveJobs` when it finds itself in a worker), so nothing else needs
 * to be shipped. From the TypeScript sources (tests that import the CLI) or
 * with one job, the tasks run in this thread, one after another.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const WORKER_FLAG = 'nianbaoJobWorker';

/** This thread is one of the CLI's workers. */
export const isJobWorker = (): boolean => !isMainThread && !!(workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG];

/** Which work a worker serves: `check` (the default) or another command's (`review`). */
export const jobWorkName = (): string => String((workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]);

/** How a run is told of and stopped: which work the workers serve, each task done, a stop asked for. */
export interface JobOptions {
  /** The name the worker's main.ts dispatches on (jobWorkName); `check` when absent. */
  work?: string;
  /** Called once per task done, with the number done so far. */
  onDone?: (done: number) => void;
  /** Aborted: no task is given out any more, the workers are stopped, and the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Default --jobs: every core. */
export const defaultJobs = (): number => availableParallelism();

/** Fewer tasks than this per worker are not worth a worker's start (about 50 ms to load the bundle). */
const TASKS_PER_WORKER = 4;

type Reply<R> = { id: number; ok: true; value: R } | { id: number; ok: false; message: string };

/**
 * Run `work` on every task, on up to `jobs` threads — this one and `jobs - 1`
 * workers (this thread would otherwise only wait) — the results in task
 * order. A task that throws fails the run.
 */
export async function runJobs<T, R>(tasks: readonly T[], jobs: number, work: (task: T) => Promise<R>, options: JobOptions = {}): Promise<R[]> {
  const script = __filename;
  const threads = Math.min(jobs, Math.ceil(tasks.length / TASKS_PER_WORKER));
  const results: R[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  let failed: unknown;
  const { signal } = options;
  const finished = () => options.onDone?.(++done);
  /** This thread takes the next task whenever it is free, as each worker does. */
  const here = async () => {
    while (next < tasks.length && failed === undefined) {
      signal?.throwIfAborted();
      const id = next++;
      results[id] = await work(tasks[id]);
      finished();
    }
  };
  if (threads <= 1 || !script.endsWith('.js')) {
    await here();
    return results;
  }
  const workers: Worker[] = [];
  const inWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        failed ??= error;
        reject(error);
      };
      const give = () => {
        if (next >= tasks.length || failed !== undefined) return;
        const id = next++;
        pending++;
        worker.postMessage({ id, task: tasks[id] });
      };
      let pending = 0;
      worker.on('message', (reply: Reply<R>) => {
        pending--;
        if (!reply.ok) return fail(new Error(reply.message));
        results[reply.id] = reply.value;
        finished();
        give();
        if (pending === 0) resolve();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => (pending > 0 ? fail(new Error(`worker stopped (exit code ${code})`)) : resolve()));
      // Two tasks in hand: the next one waits in the worker while this thread is busy with its own.
      give();
      give();
      if (pending === 0) resolve();
    });
  const stopped = new Promise<never>((_, reject) => {
    const stop = () => {
      failed ??= signal!.reason;
      reject(signal!.reason);
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
  stopped.catch(() => undefined);
  try {
    const running = Array.from({ length: threads - 1 }, () => {
      const worker = new Worker(script, { workerData: { [WORKER_FLAG]: options.work ?? 'check' } });
      workers.push(worker);
      return inWorker(worker);
    });
    await Promise.race([Promise.all([here(), ...running]), stopped]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** In a worker: answer each task with `work`'s result, or the message of what it threw. */
export function serveJobs<T, R>(work: (task: T) => Promise<R>): void {
  parentPort!.on('message', ({ id, task }: { id: number; task: T }) => {
    work(task).then(
      (value) => parentPort!.postMessage({ id, ok: true, value } satisfies Reply<R>),
      (error: unknown) => parentPort!.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Reply<R>),
    );
  });
}
