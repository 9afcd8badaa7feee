#!/usr/bin/env python3
"""Regenerates worker/api/protobuf/schema/*.ts from a kubectl binary.

kubectl (any Go Kubernetes client) carries, compiled in, both the gzipped
FileDescriptorProtos of every k8s.io/api generated.proto (field numbers,
types, maps) and the Go struct tags of the types they came from (JSON names,
omitempty, pointer-ness, embedded structs). The decoder needs both: protobuf
says what is on the wire, the Go tags say what Go's JSON would write.

Usage: python3 generate_schema.py /path/to/kubectl worker/api/protobuf/schema
Needs a statically linked linux/amd64 Go >= 1.21 binary (the type layout read
below); kubectl v1.32.4 produced the checked-in tables.
"""
import json, os, re, struct, sys, zlib

KUBECTL, OUT = sys.argv[1], sys.argv[2]
B = open(KUBECTL, 'rb').read()

# --- 1. Protobuf descriptors: gzip streams whose payload is a FileDescriptorProto.
descriptors = {}
i = 0
while True:
    i = B.find(b'\x1f\x8b\x08', i)
    if i < 0: break
    try:
        raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(B[i:i + 4000000])
        if raw[:1] == b'\x0a' and raw[2:2 + raw[1]].endswith(b'.proto'):
            descriptors[raw[2:2 + raw[1]].decode()] = raw
    except Exception:
        pass
    i += 3

# --- 2. Go struct types (runtime type metadata in .rodata).
def section(name):
    shoff, = struct.unpack_from('<Q', B, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', B, 0x3a)
    strtab_off = struct.unpack_from('<Q', B, shoff + shstrndx * shentsize + 0x18)[0]
    for n in range(shnum):
        h = shoff + n * shentsize
        nm = B[strtab_off + struct.unpack_from('<I', B, h)[0]:].split(b'\0', 1)[0].decode()
        if nm == name:
            addr, off, size = struct.unpack_from('<QQQ', B, h + 0x10)
            return addr, off, size
    raise SystemExit('no section ' + name)
RO_VA, RO_OFF, RO_SZ = section('.rodata')
def inro(va): return RO_VA <= va < RO_VA + RO_SZ
def off(va): return va - RO_VA + RO_OFF
def varint(o):
    r = s = 0
    while True:
        b = B[o]; o += 1; r |= (b & 0x7f) << s; s += 7
        if b < 0x80: return r, o
def readname(va):
    """An abi.Name: flags (bit 1: has tag), varint length, bytes, then the tag likewise."""
    o = off(va); flags = B[o]; n, o = varint(o + 1); name = B[o:o + n]; o += n; tag = b''
    if flags & 2:
        tn, o = varint(o); tag = B[o:o + tn]
    return flags, name.decode('latin1'), tag.decode('latin1')

# Every 8-aligned spot in .rodata that looks like an abi.StructType of a k8s.io
# package: rtype (kind byte at 23 == Struct, tflag at 20 with Uncommon, name
# offset at 40), fields slice at 56, and UncommonType's package path at 80.
# Names and package paths are offsets from the start of the types, .rodata.
# Each field is {name *abi.Name, typ *rtype, offset}; typ's kind 22 is Ptr.
go = {}
for o in range(RO_OFF, RO_OFF + RO_SZ - 88, 8):
    if B[o + 23] & 0x1f != 25 or not (B[o + 20] & 1): continue
    fptr, flen, fcap = struct.unpack_from('<QQQ', B, o + 56)
    if flen == 0 or flen != fcap or flen > 300 or not inro(fptr): continue
    try:
        _, pkg, _ = readname(RO_VA + struct.unpack_from('<i', B, o + 80)[0])
        if not pkg.startswith('k8s.io/'): continue
        _, tname, _ = readname(RO_VA + struct.unpack_from('<i', B, o + 40)[0])
    except Exception:
        continue
    if B[o + 20] & 2: tname = tname[1:]  # TFlagExtraStar: the stored name is "*T"
    fields = []
    for i in range(flen):
        np_, tp, _ = struct.unpack_from('<QQQ', B, off(fptr) + 24 * i)
        if not inro(np_) or not inro(tp): fields = None; break
        _, fn, tag = readname(np_)
        fields.append([fn, tag, B[off(tp) + 23] & 0x1f])
    if fields is not None:
        go[pkg + '.' + tname.split('.')[-1]] = fields

# --- 3. Tables.
def rd_varint(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
def fields_of(b):
    i = 0; out = []
    while i < len(b):
        k, i = rd_varint(b, i); f, w = k >> 3, k & 7
        if w == 0: v, i = rd_varint(b, i)
        elif w == 2:
            n, i = rd_varint(b, i); v = b[i:i+n]; i += n
        elif w == 1: v = b[i:i+8]; i += 8
        elif w == 5: v = b[i:i+4]; i += 4
        else: raise Exception('wire %d' % w)
        out.append((f, v))
    return out

PKGS = {  # proto package -> (short prefix, apiVersion group, file name)
 'k8s.io.apimachinery.pkg.apis.meta.v1': ('meta.v1', None, 'meta-v1'),
 'k8s.io.apimachinery.pkg.runtime': ('runtime', None, None),
 'k8s.io.apimachinery.pkg.api.resource': ('resource', None, None),
 'k8s.io.apimachinery.pkg.util.intstr': ('intstr', None, None),
 'k8s.io.api.core.v1': ('core.v1', '', 'core-v1'),
 'k8s.io.api.apps.v1': ('apps.v1', 'apps', 'apps-v1'),
 'k8s.io.api.batch.v1': ('batch.v1', 'batch', 'batch-v1'),
 'k8s.io.api.autoscaling.v1': ('autoscaling.v1', 'autoscaling', 'autoscaling-v1'),
 'k8s.io.api.autoscaling.v2': ('autoscaling.v2', 'autoscaling', 'autoscaling-v2'),
 'k8s.io.api.policy.v1': ('policy.v1', 'policy', 'policy-v1'),
 'k8s.io.api.rbac.v1': ('rbac.v1', 'rbac.authorization.k8s.io', 'rbac-v1'),
 'k8s.io.api.networking.v1': ('networking.v1', 'networking.k8s.io', 'networking-v1'),
 'k8s.io.api.scheduling.v1': ('scheduling.v1', 'scheduling.k8s.io', 'scheduling-v1'),
 'k8s.io.api.coordination.v1': ('coordination.v1', 'coordination.k8s.io', 'coordination-v1'),
 'k8s.io.api.events.v1': ('events.v1', 'events.k8s.io', 'events-v1'),
 'k8s.io.api.discovery.v1': ('discovery.v1', 'discovery.k8s.io', 'discovery-v1'),
 'k8s.io.api.authentication.v1': ('authentication.v1', 'authentication.k8s.io', 'authentication-v1'),
 'k8s.io.api.authorization.v1': ('authorization.v1', 'authorization.k8s.io', 'authorization-v1'),
 'k8s.io.api.storage.v1': ('storage.v1', 'storage.k8s.io', 'storage-v1'),
 'k8s.io.api.node.v1': ('node.v1', 'node.k8s.io', 'node-v1'),
 'k8s.io.api.certificates.v1': ('certificates.v1', 'certificates.k8s.io', 'certificates-v1'),
 'k8s.io.api.admissionregistration.v1': ('admissionregistration.v1', 'admissionregistration.k8s.io', 'admissionregistration-v1'),
 'k8s.io.api.flowcontrol.v1': ('flowcontrol.v1', 'flowcontrol.apiserver.k8s.io', 'flowcontrol-v1'),
}
# Messages the decoder converts itself, to their JSON forms.
SPECIAL = {
 'k8s.io.apimachinery.pkg.apis.meta.v1.Time': 'Time',
 'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': 'MicroTime',
 'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': 'Duration',
 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': 'RawJSON',
 'k8s.io.apimachinery.pkg.runtime.RawExtension': 'RawJSON',
 'k8s.io.apimachinery.pkg.api.resource.Quantity': 'Quantity',
 'k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'IntOrString',
}
SCALAR = {1:'double',2:'float',3:'int64',4:'uint64',5:'int32',6:'fixed64',7:'fixed32',8:'bool',9:'string',12:'bytes',13:'uint32',15:'sfixed32',16:'sfixed64',17:'sint32',18:'sint64'}

msgs = {}  # full name -> {'fields': [...], 'map': bool}
def load_msg(pkg, prefix, d):
    name = fld = None
    parts = fields_of(d)
    name = [v for f, v in parts if f == 1][0].decode()
    full = prefix + '.' + name
    fs = []
    is_map = False
    for f, v in parts:
        if f == 2:
            fd = {}
            for ff, vv in fields_of(v):
                fd[ff] = vv
            fs.append({'name': fd[1].decode(), 'number': fd[3], 'label': fd[4], 'type': fd[5], 'type_name': fd.get(6, b'').decode().lstrip('.')})
        elif f == 3:
            load_msg(pkg, full, v)
        elif f == 7:
            for ff, vv in fields_of(v):
                if ff == 7 and vv: is_map = True
    msgs[full] = {'fields': fs, 'map': is_map, 'pkg': pkg, 'name': name}

for d in descriptors.values():
    parts = fields_of(d)
    pkg = [v for f, v in parts if f == 2][0].decode()
    if pkg not in PKGS: continue
    for f, v in parts:
        if f == 4: load_msg(pkg, pkg, v)

def short(full):
    for p, (s, _, _) in PKGS.items():
        if full.startswith(p + '.'): return s + full[len(p):]
    raise Exception(full)
def gopkg(pkg): return 'k8s.io/' + pkg[len('k8s.io.'):].replace('.', '/')

# Roots: every message in an API group package carrying ObjectMeta/ListMeta metadata, plus meta option kinds.
roots = []
for full, m in msgs.items():
    if PKGS[m['pkg']][1] is None: continue
    if any(f['name'] == 'metadata' for f in m['fields']): roots.append(full)
roots += ['k8s.io.apimachinery.pkg.apis.meta.v1.' + n for n in ['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'Status', 'WatchEvent']]

reach = set(); warnings = []
def walk(full):
    if full in reach or full in SPECIAL: return
    if full not in msgs: raise Exception('missing ' + full)
    reach.add(full)
    for f in msgs[full]['fields']:
        if f['type'] == 11: walk(f['type_name'])
for r in roots: walk(r)

def typeref(f):
    if f['type'] == 11:
        t = f['type_name']
        return SPECIAL.get(t) or short(t)
    return SCALAR[f['type']]

def gofields(full):
    m = msgs[full]
    key = gopkg(m['pkg']) + '.' + m['name']
    return go.get(key)

STRINGLIST = set()
out = {}  # file -> list of (short, entries)
for full in sorted(reach):
    m = msgs[full]
    if m['map']: continue
    gf = gofields(full)
    if gf is None:
        # Go slice types (e.g. ExtraValue []string) are wrapped in an `items` message.
        if len(m['fields']) == 1 and m['fields'][0]['name'] == 'items' and m['fields'][0]['label'] == 3:
            STRINGLIST.add(full); continue
        warnings.append('no go struct for ' + full)
    bynum = {}
    for gname, tag, kind in (gf or []):
        mm = re.search(r'protobuf:"[a-z0-9]+,(\d+),', tag)
        if not mm: continue
        jm = re.search(r'json:"([^"]*)"', tag)
        jparts = jm.group(1).split(',') if jm else [gname]
        bynum[int(mm.group(1))] = (jparts[0] or gname, 'omitempty' in jparts[1:], kind, gname, jparts[0] == '')
    entries = []
    for f in sorted(m['fields'], key=lambda f: f['number']):
        flags = ''
        t = f['type_name']
        if f['type'] == 11 and t in msgs and msgs[t]['map']:
            kf = [x for x in msgs[t]['fields'] if x['number'] == 1][0]
            vf = [x for x in msgs[t]['fields'] if x['number'] == 2][0]
            if kf['type'] != 9: raise Exception('non-string map key in ' + full)
            ty = typeref(vf); flags = 'm'
        else:
            ty = typeref(f)
            if f['label'] == 3: flags = 'r'
        g = bynum.get(f['number'])
        jname = f['name']
        if g:
            jname = g[0]
            if g[4]:
                # Embedded structs: Go's JSON flattens their fields into this object.
                if f['type'] != 11: raise Exception('inline scalar ' + full)
                jname = ''; flags += 'i'
            elif g[0] != f['name']: warnings.append(f'json name {g[0]} != proto {f["name"]} in {full}')
            if f['type'] != 11 and f['label'] != 3 and (g[2] == 22 or not g[1]): flags += 'k'
        elif gf is not None:
            warnings.append(f'no go field for {full}.{f["name"]}')
        entries.append((f['number'], jname, ty, flags))
    fileid = PKGS[m['pkg']][2]
    if fileid is None: continue
    out.setdefault(fileid, []).append((short(full), entries))

# StringList messages referenced: rewrite refs.
def fix(ty):
    for s in STRINGLIST:
        if ty == short(s): return 'StringList'
    return ty
for fid in out:
    out[fid] = [(n, [(a, b, fix(c), d) for a, b, c, d in e]) for n, e in out[fid]]

HEADER = '''// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api {pkg}). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type {{ MessageTable }} from "./types.ts";

export const {const}: MessageTable = {{
'''
consts = {}
for fid, items in sorted(out.items()):
    const = fid.replace('-', '_').upper()
    consts[fid] = const
    pkgname = [p for p, v in PKGS.items() if v[2] == fid][0]
    s = HEADER.format(pkg=pkgname, const=const)
    for name, entries in items:
        s += f'  "{name}": {{\n'
        for num, j, t, fl in entries:
            s += f'    {num}: ["{j}", "{t}"' + (f', "{fl}"' if fl else '') + '],\n'
        s += '  },\n'
    s += '};\n'
    open(os.path.join(OUT, fid + '.ts'), 'w').write(s)

# Kinds: apiVersion/kind -> message.
kinds = []
for r in sorted(roots):
    m = msgs[r]
    grp = PKGS[m['pkg']][1]
    ver = m['pkg'].split('.')[-1]
    if grp is None: continue
    av = ver if grp == '' else grp + '/' + ver
    kinds.append((av + '/' + m['name'], short(r)))
s = '''// Generated with the schema tables: which message each apiVersion/kind names.
// Regenerate rather than edit: see worker/api/protobuf/README.md.

/** `apiVersion/kind` → message name in the schema tables. */
export const KINDS: Readonly<Record<string, string>> = {
'''
for k, v in kinds: s += f'  "{k}": "{v}",\n'
s += '};\n\n/** Option and status kinds, which clients send under any group version. */\nexport const META_KINDS: Readonly<Record<string, string>> = {\n'
for n in ['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'Status', 'WatchEvent']:
    s += f'  {n}: "meta.v1.{n}",\n'
s += '};\n'
open(os.path.join(OUT, 'kinds.ts'), 'w').write(s)

s = '// Generated: every schema table, merged. Regenerate rather than edit: see worker/api/protobuf/README.md.\nimport type { MessageTable } from "./types.ts";\n'
for fid, c in sorted(consts.items()): s += f'import {{ {c} }} from "./{fid}.ts";\n'
s += '\nexport const MESSAGES: MessageTable = {\n'
for fid, c in sorted(consts.items()): s += f'  ...{c},\n'
s += '};\n'
open(os.path.join(OUT, 'messages.ts'), 'w').write(s)
print('\n'.join(warnings), file=sys.stderr)
print(len(reach), 'messages;', len(kinds), 'kinds; stringlists', sorted(STRINGLIST), file=sys.stderr)
