// The sandbox's process: a complete static x86-64 Linux executable of 129
// bytes that calls pause(2) forever. Written from bytes here because no image
// registry may be reachable, so the agent cannot pull registry.k8s.io/pause.
// It has no signal handlers, so the sandbox is stopped with SIGKILL (the
// agent always does).

const LOAD_ADDRESS = 0x400000n;
const HEADER_SIZE = 64 + 56;

// _start: mov eax, 34 (SYS_pause); syscall; jmp _start
const CODE = Buffer.from([0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7]);

export function pauseExecutableX64(): Buffer {
  const size = BigInt(HEADER_SIZE + CODE.length);
  const elf = Buffer.alloc(HEADER_SIZE);
  // ELF header: 64-bit, little-endian, version 1, System V ABI.
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(0x3e, 18); // EM_X86_64
  elf.writeUInt32LE(1, 20); // EV_CURRENT
  elf.writeBigUInt64LE(LOAD_ADDRESS + BigInt(HEADER_SIZE), 24); // entry point: right after the headers
  elf.writeBigUInt64LE(64n, 32); // program headers follow the ELF header
  elf.writeBigUInt64LE(0n, 40); // no section headers
  elf.writeUInt32LE(0, 48);
  elf.writeUInt16LE(64, 52); // header size
  elf.writeUInt16LE(56, 54); // program header entry size
  elf.writeUInt16LE(1, 56); // one program header
  elf.writeUInt16LE(0, 58);
  elf.writeUInt16LE(0, 60);
  elf.writeUInt16LE(0, 62);
  // One PT_LOAD segment mapping the whole file read+execute.
  elf.writeUInt32LE(1, 64);
  elf.writeUInt32LE(5, 68);
  elf.writeBigUInt64LE(0n, 72);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 80);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 88);
  elf.writeBigUInt64LE(size, 96);
  elf.writeBigUInt64LE(size, 104);
  elf.writeBigUInt64LE(0x1000n, 112);
  return Buffer.concat([elf, CODE]);
}
