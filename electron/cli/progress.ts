/**
 * A progress bar on stderr for long imports and exports, drawn only on a terminal (so pipes and
 * tests see none) and only when there is more than one thing to do.
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (done, total) => {
    if (total < 2) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
    );
  };
}
