/**
 * Work the user is waiting for goes first: while a short document's check is
 * scheduled or under way (a keystroke's diagnostics), the check of a long
 * document waits between two of its slices. Each of the server's steps that
 * gives the event loop back (the RPC library handles one message per turn,
 * writes each message a turn later, the debounce waits two turns) would
 * otherwise wait for one slice of the long check. No LSP here.
 */
export class Foreground {
  /** Foreground work under way. */
  get busy(): number {
    return this.count;
  }

  private count = 0;
  /** Foreground work done so far: work may come and go between two looks (a request handled in one turn). */
  private ended = 0;
  private waiters: (() => void)[] = [];

  /** Work under way until the returned function is called (once; later calls do nothing). */
  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.ended++;
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /**
   * Between two slices of a long check: two turns of the event loop (a
   * message read in the first is handled before the second), then as long
   * as foreground work is under way or was done meanwhile, two more turns
   * after it: what it left queued (the answer it writes) goes out first.
   */
  async pause(): Promise<void> {
    let seen = this.ended;
    await nextTurn();
    await nextTurn();
    while (this.count > 0 || this.ended !== seen) {
      seen = this.ended;
      if (this.count > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      await nextTurn();
      await nextTurn();
    }
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
