// When wrangler fails, the reason is somewhere in its log; show the part a
// person needs (its error block, else the last lines) without the colours.
import { readFile } from "node:fs/promises";

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export async function errorExcerpt(logFile: string, maxLines = 30): Promise<string> {
  let text: string;
  try {
    text = await readFile(logFile, "utf8");
  } catch {
    return "";
  }
  const lines = text.replace(ANSI, "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const firstError = lines.findIndex((line) => /\[ERROR\]|^Error\b|ERR!/.test(line));
  const excerpt = firstError >= 0 ? lines.slice(firstError, firstError + maxLines) : lines.slice(-maxLines);
  return excerpt.join("\n");
}

/**
 * Reads what the log gained since `offset` and returns a build error in it,
 * if any: wrangler keeps running after a failed build (it rebuilds on change),
 * so readiness alone would just look slow.
 */
export async function buildErrorSince(logFile: string, offset: number): Promise<{ offset: number; error?: string }> {
  let text: string;
  try {
    text = await readFile(logFile, "utf8");
  } catch {
    return { offset };
  }
  const fresh = text.slice(offset).replace(ANSI, "");
  const at = fresh.search(/Build failed|\[ERROR\]/);
  if (at < 0) return { offset: text.length };
  const lines = fresh.slice(at).split(/\r?\n/).filter((line) => line.trim() !== "").slice(0, 12);
  return { offset: text.length, error: lines.join("\n") };
}
