/*
 * switch.S - Cortex-M4 user/kernel boundary in Tock's style.
 *
 * The kernel runs privileged in thread mode on MSP. To run a process it
 * calls switch_to_user(), which saves the kernel's callee-saved registers on
 * MSP, loads the process's r4-r11 and PSP, and executes `svc 0xff`. The SVC
 * handler, seeing it came from MSP (EXC_RETURN bit 2 clear), sets
 * CONTROL.nPRIV and returns with EXC_RETURN 0xFFFFFFFD: the hardware pops
 * the process's frame from PSP and the process runs unprivileged.
 *
 * Any exception taken from the process (svc, SysTick, a peripheral IRQ, a
 * fault) records why, clears CONTROL.nPRIV and returns with 0xFFFFFFF9: the
 * hardware pops the kernel's frame from MSP and switch_to_user() continues
 * after its `svc`, saves the process's r4-r11 and returns the new PSP.
 *
 * Priorities (arch.c): SVC is 0 (highest), SysTick and IRQs are lower, so an
 * interrupt cannot late-arrive ahead of a process's SVC and tail-chain into
 * it with a kernel EXC_RETURN (the ARMv7-M race Tock fixed in #5193).
 * Not modelled: the FPU (no extended frames; CONTROL.FPCA stays 0).
 */
    .syntax unified
    .thumb
    .text

/* uint32_t switch_to_user(uint32_t psp, uint32_t regs[8]) */
    .global switch_to_user
    .type switch_to_user, %function
    .thumb_func
switch_to_user:
    push {r1, r4-r11, lr}
    msr psp, r0
    ldmia r1, {r4-r11}
    svc 0xff
    ldr r1, [sp]
    stmia r1, {r4-r11}
    mrs r0, psp
    pop {r1, r4-r11, lr}
    bx lr
    .size switch_to_user, . - switch_to_user

/* Return to the kernel thread (on MSP, privileged). Clobbers r0. */
    .macro RETURN_TO_KERNEL
    movs r0, #0
    msr control, r0
    isb
    ldr lr, =0xFFFFFFF9
    bx lr
    .endm

    .global svc_handler
    .type svc_handler, %function
    .thumb_func
svc_handler:
    tst lr, #4
    bne 1f
    /* From the kernel: enter the process, unprivileged on PSP. */
    movs r0, #1
    msr control, r0
    isb
    ldr lr, =0xFFFFFFFD
    bx lr
1:  /* From a process: a system call. */
    ldr r0, =arch_syscall_fired
    movs r1, #1
    str r1, [r0]
    RETURN_TO_KERNEL
    .size svc_handler, . - svc_handler

    .global systick_handler
    .type systick_handler, %function
    .thumb_func
systick_handler:
    /* One-shot timeslice: stop the counter. */
    ldr r0, =0xE000E010
    movs r1, #0
    str r1, [r0]
    ldr r0, =arch_systick_expired
    movs r1, #1
    str r1, [r0]
    tst lr, #4
    beq 1f
    RETURN_TO_KERNEL
1:  bx lr
    .size systick_handler, . - systick_handler

/* Every external interrupt: top half in C, then back to the kernel. */
    .global irq_handler
    .type irq_handler, %function
    .thumb_func
irq_handler:
    push {r0, lr}
    bl irq_top_half
    pop {r0, lr}
    tst lr, #4
    beq 1f
    RETURN_TO_KERNEL
1:  bx lr
    .size irq_handler, . - irq_handler

/* HardFault, MemManage, BusFault, UsageFault, NMI (fault.c). From a
 * process: record the fault status and return to the kernel thread. From
 * the kernel: dump and panic, with r4-r11 as they were at the fault. */
    .global fault_handler
    .type fault_handler, %function
    .thumb_func
fault_handler:
    tst lr, #4
    beq 1f
    mrs r0, psp
    mov r1, lr
    bl arch_record_process_fault
    RETURN_TO_KERNEL
1:  mov r0, sp
    mov r1, lr
    push {r4-r11}
    mov r2, sp
    b arch_kernel_fault
    .size fault_handler, . - fault_handler
