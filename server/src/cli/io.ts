/**
 * The CLI's output. A closed pipe (`nianbao check … | head -c 100`) is not a
 * crash: the rest is dropped, one line says so on stderr, and the exit code is
 * the one the results give.
 */
import { say } from '../checks/messages';
import type { Text } from '../format/standard';
import { CLI } from './messages';

export type Locale = keyof Text;

export class Output {
  /** The reader of stdout went away. */
  closed = false;
  private told = false;

  constructor(
    public locale: Locale,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.close();
      else this.error({ zh: String(error.message), en: String(error.message) });
    });
  }

  private close(): void {
    this.closed = true;
    for (const done of this.waiting.splice(0)) done();
    if (this.told) return;
    this.told = true;
    this.error(say(CLI.pipeClosed));
  }

  private readonly waiting: (() => void)[] = [];

  /** Write to stdout; resolves once the stream has taken it, or at once when the reader is gone. */
  write(text: string): Promise<void> {
    if (this.closed || text === '') return Promise.resolve();
    return new Promise((done) => {
      try {
        if (this.stream.write(text)) return done();
        this.waiting.push(done);
        this.stream.once('drain', () => {
          this.waiting.splice(this.waiting.indexOf(done), 1);
          done();
        });
      } catch {
        this.close();
        done();
      }
    });
  }

  /**
   * A mistake in the command line, before the language is known for sure:
   * both languages, then where to find the usage.
   */
  usage(text: Text, command: string): void {
    const hint = say(CLI.usageHint, { command });
    try {
      process.stderr.write(`nianbao ${command}: ${text.zh} / ${text.en}\n${hint.zh} / ${hint.en}\n`);
    } catch {
      // stderr is gone: nothing left to tell.
    }
  }

  /** One line on stderr, in the chosen language. */
  error(text: Text, prefix = 'nianbao'): void {
    try {
      process.stderr.write(`${prefix}: ${text[this.locale]}\n`);
    } catch {
      // stderr is gone too: nothing left to tell.
    }
  }
}
