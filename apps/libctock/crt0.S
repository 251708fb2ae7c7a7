/* crt0.S: the first instructions of every ctock app (libtock-c's convention).
 *
 * The kernel starts the process at _start (TBF init_fn) in unprivileged
 * Thread mode with
 *   r0 = app_start       start of the app binary in flash, just after the
 *                        TBF header; the crt0 header (layout.ld) sits here
 *   r1 = mem_start       start of the process RAM block
 *   r2 = mem_len         its length (unused here)
 *   r3 = app_break       initial app break (end of process-accessible RAM)
 *
 * This stub only does what C cannot: place the stack and the PIC base.
 *   stacktop = align8(mem_start + hdr.stack_size)   (stack at the bottom)
 *   brk      = mem_start + hdr.bss_start + hdr.bss_size
 *   memop brk(brk); memop 10 (stack top), memop 11 (heap start), for debug
 *   sp = stacktop; r9 = mem_start + hdr.got_start (the GOT, for -msingle-pic-base)
 * then _ctock_start(app_start, mem_start) copies and relocates in C.
 *
 * The kernel's initial sp is below app_break. If the new break is above
 * the current one, sp moves only after brk succeeded, so the svc exception
 * frame never lands in memory the process cannot yet write.
 */
    .syntax unified
    .thumb

    .section .start, "ax", %progbits
    .global _start
    .type _start, %function
    .thumb_func
_start:
    ldr     r4, [r0, #36]           /* r4 = hdr.stack_size */
    add     r4, r4, r1
    adds    r4, r4, #7
    bic     r4, r4, #7              /* r4 = stacktop (8-byte aligned, AAPCS) */

    ldr     r5, [r0, #24]           /* hdr.bss_start */
    ldr     r6, [r0, #28]           /* hdr.bss_size */
    add     r5, r5, r6
    add     r5, r5, r1              /* r5 = initial app break */

    mov     r6, r0                  /* r6 = app_start (callee-saved across svc) */
    mov     r7, r1                  /* r7 = mem_start */

    cmp     r5, r3
    bhi     1f                      /* growing: keep the kernel's sp for now */
    mov     sp, r4
1:
    movs    r0, #0                  /* memop 0: brk(r5) */
    mov     r1, r5
    svc     5
    cmp     r0, #128                /* Success? */
    bne     no_memory

    movs    r0, #10                 /* memop 10: stack top, for debugging */
    mov     r1, r4
    svc     5
    movs    r0, #11                 /* memop 11: heap start, for debugging */
    mov     r1, r5
    svc     5

    mov     sp, r4
    ldr     r0, [r6, #4]            /* hdr.got_start */
    add     r0, r0, r7
    mov     r9, r0                  /* r9 = GOT in RAM: the PIC base */

    mov     r0, r6
    mov     r1, r7
    bl      _ctock_start            /* never returns */
    bkpt    #255

no_memory:                          /* the kernel cannot give us our RAM */
    movs    r0, #0                  /* exit-terminate */
    ldr     r1, =0xC7C0E001         /* completion code: crt0 brk failed */
    svc     6
    b       no_memory

    .size _start, . - _start
