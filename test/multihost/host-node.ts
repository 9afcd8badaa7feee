// One simulated host's node networking, run inside its network namespace
// (`ip netns exec <ns> node --import tsx host-node.ts <json>`): the same
// startNodeNetwork the agent uses, watching the (fake) control plane over
// the LAN. Prints JSON lines on stdout for the test: ready, each sync.
import Dockerode from "dockerode";
import { HttpClient } from "../../node-agent/control-plane/http-client.ts";
import { createLogger } from "../../node-agent/log.ts";
import { startNodeNetwork } from "../../node-agent/network/node-network.ts";

interface Config {
  nodeName: string;
  podCidr: string;
  socket: string;
  server: string;
  token: string;
}

const config = JSON.parse(process.argv[2] ?? "{}") as Config;
const emit = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);
const http = new HttpClient(config.server);
const net = await startNodeNetwork({
  docker: new Dockerode({ socketPath: config.socket }),
  nodeName: config.nodeName,
  podCidr: config.podCidr,
  api: { http, tokens: { token: async () => config.token, renewToken: async () => config.token }, timing: { initialBackoffMs: 200, maxBackoffMs: 2000, watchSeconds: 60 } },
  upstreams: [],
  log: createLogger("info", (line) => process.stderr.write(`[${config.nodeName}] ${line}\n`)),
  onProxySynced: (result) => emit({ event: "synced", ...result }),
});
await net.ready;
await net.podNetwork.settle();
emit({ event: "ready", network: net.networkName, resolver: net.resolverIp });

let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  void net.stop().then(
    () => {
      http.close();
      emit({ event: "stopped" });
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
