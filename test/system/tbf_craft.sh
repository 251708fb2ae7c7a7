# tbf_craft.sh - craft TBF headers for tests, in POSIX shell + od + printf
# (no python). Sourced.
#
#   tbf_word FILE OFFSET             the little-endian u32 at OFFSET
#   tbf_set FILE OFFSET VALUE        writes a u32 (decimal or 0x...) and
#                                    recomputes the header checksum
#   tbf_fix_checksum FILE            XOR of the header words except word 3
#
# Header offsets (elf2tbf's images): 0 version|header_size, 4 total_size,
# 8 flags, 12 checksum, 16 Main TLV header, 20 init_fn_offset,
# 24 protected_trailer_size, 28 minimum_ram_size.

tbf_word() {
    set -- $(od -An -v -tu1 -j "$2" -N 4 "$1")
    echo $(( $1 | ($2 << 8) | ($3 << 16) | ($4 << 24) ))
}

tbf_put32() {   # FILE OFFSET VALUE (no checksum update)
    v=$(( $3 & 0xFFFFFFFF ))
    printf "\\$(printf %03o $((v & 255)))\\$(printf %03o $(((v >> 8) & 255)))\\$(printf %03o $(((v >> 16) & 255)))\\$(printf %03o $(((v >> 24) & 255)))" |
        dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

tbf_fix_checksum() {
    hsize=$(( $(tbf_word "$1" 0) >> 16 ))
    sum=0
    off=0
    while [ "$off" -lt "$hsize" ]; do
        [ "$off" -ne 12 ] && sum=$(( sum ^ $(tbf_word "$1" "$off") ))
        off=$((off + 4))
    done
    tbf_put32 "$1" 12 "$sum"
}

tbf_set() {
    tbf_put32 "$1" "$2" "$3"
    tbf_fix_checksum "$1"
}
