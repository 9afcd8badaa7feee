// Docker's event stream for this node's containers, so pod workers react to
// a container exiting within milliseconds instead of at the next resync.
// The stream is reopened whenever it ends (for example a dockerd restart).
import type Dockerode from "dockerode";
import type { Readable } from "node:stream";
import type { RuntimeEvent } from "../runtime.ts";
import { LABEL } from "./labels.ts";

interface DockerEvent {
  Type?: string;
  Action?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

const RECONNECT_MS = 1000;

export function dockerEvents(docker: Dockerode, nodeName: string, listener: (event: RuntimeEvent) => void): () => void {
  let stopped = false;
  let current: Readable | undefined;
  const deliver = (line: string) => {
    if (!line.trim()) return;
    let event: DockerEvent;
    try {
      event = JSON.parse(line) as DockerEvent;
    } catch {
      return;
    }
    const podUid = event.Actor?.Attributes?.[LABEL.podUid];
    const containerId = event.Actor?.ID ?? event.id;
    if (!podUid || !containerId || !event.Action) return;
    listener({ podUid, containerId, action: event.Action });
  };
  const run = async () => {
    while (!stopped) {
      try {
        current = (await docker.getEvents({
          filters: { type: ["container"], label: [`${LABEL.node}=${nodeName}`], event: ["create", "start", "die", "oom", "destroy"] },
        })) as Readable;
        let buffered = "";
        for await (const chunk of current) {
          buffered += chunk.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) deliver(line);
        }
      } catch {
        // The engine went away or the stream broke; reopen below.
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  };
  void run();
  return () => {
    stopped = true;
    current?.destroy();
  };
}
