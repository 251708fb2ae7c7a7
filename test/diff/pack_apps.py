#!/usr/bin/env python3
"""pack_apps.py OUT TBF... - lay TBF images out in a 256 KiB app-flash image
exactly as ctock-sim's loader (sim/loader.c) places them: back to back from
the start, a TBF whose total_size is a power of two aligned to it (a gap is
covered by a disabled, header-only padding TBF; a gap smaller than 16 bytes
skips one more alignment step), the rest 0xFF like erased flash."""
import struct
import sys

FLASH = 0x40000
BASE = 0x40000   # app flash address; images are laid out relative to it


def padding(size):
    words = [2 | (16 << 16), size, 0]
    csum = 0
    for w in words:
        csum ^= w
    return struct.pack("<IIII", *words, csum)


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    img = bytearray(b"\xff" * FLASH)
    cur = 0
    for p in paths:
        data = open(p, "rb").read()
        if len(data) < 16:
            sys.exit(f"pack_apps: {p}: too short for a TBF")
        total = struct.unpack_from("<I", data, 4)[0]
        if total > len(data) or total < 16:
            sys.exit(f"pack_apps: {p}: total_size {total} does not match the file ({len(data)} bytes)")
        addr = cur
        if total & (total - 1) == 0:
            a = (BASE + cur + total - 1) & ~(total - 1)
            addr = a - BASE
            if addr > cur and addr - cur < 16:
                addr += total
        if addr + total > FLASH:
            sys.exit(f"pack_apps: {p}: does not fit in app flash")
        if addr > cur:
            img[cur:cur + 16] = padding(addr - cur)
        img[addr:addr + total] = data[:total]
        cur = addr + total
    open(out, "wb").write(img)


if __name__ == "__main__":
    main()
