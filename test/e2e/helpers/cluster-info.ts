// What global-setup hands to every test file through vitest's provide/inject.
export interface ClusterInfo {
  server: string;
  token: string;
  kubeconfig: string;
  /** Scratch space of this run: kubectl cache dirs, manifests, kubeconfigs. */
  workDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}
