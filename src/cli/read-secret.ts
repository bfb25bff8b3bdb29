import fs from 'node:fs';

/**
 * Reads a secret piped to standard input (`echo pw | coalition create-admin …`), or returns
 * undefined when nothing is piped. A terminal or /dev/null is not read: the command must never sit
 * waiting for input nobody will type. One trailing newline (from echo) is dropped.
 */
export async function readPipedSecret(stdin: NodeJS.ReadStream = process.stdin): Promise<string | undefined> {
  if (stdin.isTTY) return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(0);
  } catch {
    return undefined;
  }
  if (!stat.isFIFO() && !stat.isFile() && !stat.isSocket()) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}
