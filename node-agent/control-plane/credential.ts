// The node's credential: obtained once with the join token, kept in
// <state-dir>/credential.json (0600), reused across restarts, and replaced
// only when the control plane rejects it.
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import { apiError } from "./api-error.ts";
import type { HttpClient } from "./http-client.ts";

const JOIN_PATH = "/kubeflare/v1/join";

interface StoredCredential {
  server: string;
  nodeName: string;
  token: string;
  joinedAt: string;
}

/** The join token itself was refused: retrying cannot help. */
export class JoinRejectedError extends Error {}

export class NodeCredential {
  private current: string | undefined;
  private renewing: Promise<string> | undefined;
  private readonly file: string;

  constructor(
    private readonly http: HttpClient,
    private readonly stateDir: string,
    private readonly nodeName: string,
    private readonly joinToken: string,
    private readonly log: Logger,
  ) {
    this.file = join(stateDir, "credential.json");
  }

  /** The credential to present; joins the cluster if none is stored yet. */
  async token(): Promise<string> {
    if (this.current) return this.current;
    const stored = await this.load();
    if (stored) {
      this.current = stored;
      return stored;
    }
    return this.renew(undefined);
  }

  /**
   * Joins again after `rejected` got a 401. Concurrent callers share one
   * join, and a caller holding an already-replaced token just gets the new one.
   */
  renew(rejected: string | undefined): Promise<string> {
    if (this.current && rejected !== undefined && this.current !== rejected) return Promise.resolve(this.current);
    this.renewing ??= this.join().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async load(): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`reading ${this.file}: ${(error as Error).message}`);
    }
    try {
      const stored = JSON.parse(text) as Partial<StoredCredential>;
      // A credential is bound to one cluster and one node name.
      if (stored.server === this.http.base.toString() && stored.nodeName === this.nodeName && typeof stored.token === "string") {
        return stored.token;
      }
      this.log.info(`stored credential is for ${stored.nodeName ?? "?"} at ${stored.server ?? "?"}; joining again`);
    } catch {
      this.log.warn(`${this.file} is not valid JSON; joining again`);
    }
    return undefined;
  }

  private async join(): Promise<string> {
    const res = await this.http.request("POST", JOIN_PATH, { token: this.joinToken, body: { nodeName: this.nodeName } });
    if (res.status === 401 || res.status === 403) {
      throw new JoinRejectedError(`joining ${this.http.base.host} as ${this.nodeName} was refused: ${apiError("POST", JOIN_PATH, res).message} (check --token)`);
    }
    if (res.status !== 200 && res.status !== 201) throw apiError("POST", JOIN_PATH, res);
    const token = (res.json as { token?: unknown } | undefined)?.token;
    if (typeof token !== "string" || token === "") throw new Error(`POST ${JOIN_PATH}: the answer holds no token`);
    await this.save({ server: this.http.base.toString(), nodeName: this.nodeName, token, joinedAt: new Date().toISOString() });
    this.current = token;
    this.log.info(`joined the cluster as node ${this.nodeName}`);
    return token;
  }

  private async save(credential: StoredCredential): Promise<void> {
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
  }
}
