// Types of kit/command.mjs.
export declare const KIT_USAGE: string;

/** Runs `kit <sub> …` (`fetch` or `where`) with `argv` = [sub, …options]; returns the exit code. */
export declare function kitCommand(
  argv: readonly string[],
  io: { readonly stdout: { write(chunk: string): unknown }; readonly stderr: { write(chunk: string): unknown } },
): Promise<number>;
