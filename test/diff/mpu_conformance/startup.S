/*
 * startup.S - mpu_conformance: vector table, reset, the probe primitives and
 * the exception entry stubs. Bare metal, no ctock kernel.
 *
 * Thread mode always runs on the PSP (CONTROL.SPSEL = 1); handlers on the
 * MSP. A probe is one of the leaf functions below, called as fn(a0, a1)
 * with the privilege the plan asks for (see main.c run_probe()):
 *   U  run_unpriv: CONTROL.nPRIV = 1, call, `svc #0` back to privileged
 *   P  plain call from privileged thread mode
 *   H  `svc #2`: the SVC handler calls it in handler mode
 *   F  run_faultmask: `cpsid f` (execution priority -1), call, `cpsie f`
 */
    .syntax unified
    .thumb

    .section .vectors, "a"
    .global vectors
vectors:
    .word _emsp                 /* initial MSP */
    .word reset_handler
    .word fault_entry           /* 2 NMI */
    .word fault_entry           /* 3 HardFault */
    .word fault_entry           /* 4 MemManage */
    .word fault_entry           /* 5 BusFault */
    .word fault_entry           /* 6 UsageFault */
    .word 0, 0, 0, 0
    .word svc_entry             /* 11 SVCall */
    .word fault_entry           /* 12 DebugMonitor */
    .word 0
    .word fault_entry           /* 14 PendSV */
    .word fault_entry           /* 15 SysTick */
    .rept 32
    .word fault_entry           /* external interrupts: never enabled */
    .endr

    .text

    .thumb_func
    .global reset_handler
reset_handler:
    /* .data from its flash image, .bss zeroed */
    ldr r0, =_sdata
    ldr r1, =_edata
    ldr r2, =_sidata
1:  cmp r0, r1
    bhs 2f
    ldr r3, [r2], #4
    str r3, [r0], #4
    b 1b
2:  ldr r0, =_sbss
    ldr r1, =_ebss
    movs r3, #0
3:  cmp r0, r1
    bhs 4f
    str r3, [r0], #4
    b 3b
4:  /* thread mode on the PSP, privileged */
    ldr r0, =_epsp
    msr psp, r0
    movs r0, #2
    msr control, r0
    isb
    bl main
5:  wfi
    b 5b

/* ---- probe primitives: leaf functions fn(a0, a1) ------------------------ */
/* Data probes start with a 16-bit `mov r2, r0`, so the access sits at fn+2,
 * not at the start of a translated block: the stacked PC of a data fault
 * must point at it exactly (main.c checks pc == fn + 2). */

    .thumb_func
    .global probe_rb
probe_rb:                       /* read byte at a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    ldrb r0, [r0]
    bx lr

    .thumb_func
    .global probe_wb
probe_wb:                       /* write byte a1 at a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    strb r1, [r0]
    bx lr

    .thumb_func
    .global probe_rw
probe_rw:                       /* read word at a0 (32-bit encoding) */
    mov r2, r0                  /* the access is the 2nd instruction: */
    ldr.w r0, [r0]
    bx lr

    .thumb_func
    .global probe_ww
probe_ww:                       /* write word a1 at a0 (32-bit encoding) */
    mov r2, r0                  /* the access is the 2nd instruction: */
    str.w r1, [r0]
    bx lr

    .thumb_func
    .global probe_ru
probe_ru:                       /* read word at unaligned a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    ldr.w r0, [r0]
    bx lr

    .thumb_func
    .global probe_wu
probe_wu:                       /* write word a1 at unaligned a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    str.w r1, [r0]
    bx lr

    .thumb_func
    .global probe_rd
probe_rd:                       /* ldrd: two words at a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    ldrd r2, r3, [r0]
    bx lr

    .thumb_func
    .global probe_wd
probe_wd:                       /* strd: a1 twice at a0 */
    mov r2, r0                  /* the access is the 2nd instruction: */
    strd r1, r1, [r0]
    bx lr

    .thumb_func
    .global probe_x
probe_x:                        /* execute the `bx lr` stub at a0 */
    push {r4, lr}
    orr r0, r0, #1
    blx r0
    pop {r4, pc}

    /* Exception stacking onto a0 (unprivileged only): sp = a0, `svc #0`.
     * When the push works the SVC handler returns here privileged; when it
     * faults (MSTKERR) the fault handler resumes at back_to_priv. */
    .thumb_func
    .global probe_stk
probe_stk:
    mov sp, r0
    svc #0
    ldr r1, =saved_sp
    ldr r1, [r1]
    mov sp, r1
    b back_to_priv

    /* Exception unstacking from a0 (unprivileged only): `svc #1` makes the
     * SVC handler return with PSP = a0, where main.c wrote a frame whose
     * PC is unstack_ok. A faulting pop (MUNSTKERR) resumes at back_to_priv. */
    .thumb_func
    .global probe_unstk
probe_unstk:
    svc #1
    b .

    .thumb_func
    .global unstack_ok
unstack_ok:
    ldr r1, =saved_sp
    ldr r1, [r1]
    mov sp, r1
    b back_to_priv

/* ---- privilege trampolines ---------------------------------------------- */

    /* uint32_t run_unpriv(a0, a1, fn): fn(a0, a1) in unprivileged thread
     * mode. saved_sp lets the fault handler rebuild a frame after a
     * stacking or unstacking fault. */
    .thumb_func
    .global run_unpriv
run_unpriv:
    push {r4-r11, lr}
    ldr r3, =saved_sp
    mov r12, sp
    str r12, [r3]
    mrs r3, control
    orr r3, r3, #1
    msr control, r3
    isb
    blx r2
    .thumb_func
    .global back_to_priv
back_to_priv:
    svc #0                      /* SVC handler clears CONTROL.nPRIV */
    pop {r4-r11, pc}

    /* uint32_t run_faultmask(a0, a1, fn): fn(a0, a1) at priority -1 */
    .thumb_func
    .global run_faultmask
run_faultmask:
    push {r4, lr}
    cpsid f
    blx r2
    cpsie f
    pop {r4, pc}

    /* uint32_t run_handler(a0, a1, fn): fn(a0, a1) in the SVC handler */
    .thumb_func
    .global run_handler
run_handler:
    svc #2
    bx lr

/* ---- exception entry: C gets (frame, EXC_RETURN, exception number) ------ */

    .thumb_func
    .global svc_entry
svc_entry:
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    push {r4, lr}
    bl svc_c
    pop {r4, pc}

    .thumb_func
    .global fault_entry
fault_entry:
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    mov r1, lr
    mrs r2, ipsr
    push {r4, lr}
    bl fault_c
    pop {r4, pc}

/* ---- 64 KiB of `bx lr` in flash at 0x10000 ------------------------------ */

    .section .pad, "ax"
    .global pad_start
pad_start:
    .rept 32768
    .hword 0x4770
    .endr
