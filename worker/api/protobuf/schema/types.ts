// The shape of the generated schema tables: plain data, one entry per
// protobuf field, so a new kind costs a table and no code.

/**
 * Letters that change how a field maps to JSON:
 * - `r` repeated: a JSON array (packed or not on the wire).
 * - `m` map: a JSON object; the wire carries entry messages {1 key, 2 value}
 *   and the type names the value (keys are always strings in Kubernetes).
 * - `k` keep zero: a pointer or non-omitempty Go field, whose zero value
 *   ("", 0, false) still appears in JSON; other zero scalars are dropped, as
 *   Go's `omitempty` drops them.
 * - `i` inline: an embedded Go struct whose fields JSON flattens into the
 *   enclosing object.
 */
export type FieldFlags = "" | "r" | "m" | "k" | "i";

/**
 * [JSON name, type, flags]. The type is a protobuf scalar (`string`, `int32`,
 * `bytes`, …), a special type the decoder converts itself (`Time`,
 * `MicroTime`, `Duration`, `Quantity`, `IntOrString`, `RawJSON`,
 * `StringList`), or another message's name in the tables.
 */
export type FieldSpec = readonly [json: string, type: string, flags?: FieldFlags];

/** Field number → field. */
export type MessageSchema = Readonly<Record<number, FieldSpec>>;

/** Message name (e.g. `core.v1.PodSpec`) → its fields. */
export type MessageTable = Readonly<Record<string, MessageSchema>>;
