// Kubernetes' $(VAR) expansion in env values, command and args: a defined
// variable is substituted, an undefined one is left as written, and $$
// escapes a dollar sign.

export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== "$" || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i++;
      continue;
    }
    if (next === "(") {
      const close = input.indexOf(")", i + 2);
      if (close !== -1) {
        const name = input.slice(i + 2, close);
        out += lookup(name) ?? `$(${name})`;
        i = close;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
