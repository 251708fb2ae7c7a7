.syntax unified
.thumb
.section .text
.org 0
vectors:
  .word 0x20008000      @ 0 initial MSP
  .word idle+1          @ 1 reset
  .word log_handler+1   @ 2 NMI
  .word log_handler+1   @ 3 HardFault
  .word log_handler+1   @ 4 MemManage
  .word log_handler+1   @ 5 BusFault
  .word log_handler+1   @ 6 UsageFault
  .word 0,0,0,0
  .word log_handler+1   @ 11 SVCall
  .word log_handler+1   @ 12 DebugMon
  .word 0
  .word log_handler+1   @ 14 PendSV
  .word log_handler+1   @ 15 SysTick
  .word irq0_handler+1  @ 16 IRQ0: pends IRQ1, then logs
  .word log_handler+1   @ 17 IRQ1
  .word switch_handler+1 @ 18 IRQ2: returns to thread on PSP
  .word bad_ret_handler+1 @ 19 IRQ3: illegal EXC_RETURN
  .word tbit_handler+1  @ 20 IRQ4: clears the stacked xPSR.T
.org 0x80
@ Appends {IPSR, LR, SP, PSP} to the log at 0x20000000 (count, then 16-byte entries from 0x20000010).
log_handler:
  mrs r0, ipsr
  ldr r1, =0x20000000
  ldr r2, [r1]
  add r3, r1, r2, lsl #4
  str r0, [r3, #16]
  str lr, [r3, #20]
  mov r0, sp
  str r0, [r3, #24]
  mrs r0, psp
  str r0, [r3, #28]
  adds r2, #1
  str r2, [r1]
  bx lr
irq0_handler:
  push {lr}
  ldr r0, =0xE000EF00   @ STIR
  movs r1, #1
  str r1, [r0]          @ pend IRQ1
  nop
  bl log_handler
  pop {pc}
switch_handler:
  ldr r0, =0xFFFFFFFD
  bx r0
bad_ret_handler:
  ldr r0, =0xFFFFFFF5
  bx r0
tbit_handler:
  ldr r0, [sp, #28]
  bic r0, r0, #0x01000000
  str r0, [sp, #28]
  bx lr
.ltorg
.org 0x100
idle:
  b idle
@ Host sets r0..r3, r12, lr; r4 = address, r5 = value to store (STIR/ISPR), then stores and spins.
store_spin:
  str r5, [r4]
  b spin
spin:
  b spin
@ SVC from thread; afterwards r7 = r0 + 1 proves execution resumed.
svc_thread:
  svc #0
  adds r7, r0, #1
  mov r8, sp
  mrs r9, control
  b spin
@ PRIMASK: r4 = STIR, r5 = irq, r6 = log count address
primask_thread:
  cpsid i
  str r5, [r4]
  nop
  ldr r7, [r6]          @ count while masked
  cpsie i
  ldr r8, [r6]          @ count right after cpsie
  b spin
psp_thread:
  mov r8, sp
  mrs r9, control
  b spin
@ faults
flash_write_thread:
  str r5, [r4]
  b spin
load_thread:
  ldr r5, [r4]
  b spin
udf_thread:
  udf #0
  b spin
wfe_thread:
  wfe
  movs r7, #42
  b spin
wfi_thread:
  wfi
  adds r7, #1
  b wfi_thread
@ The load is the third instruction of its block: a precise fault stacks its PC.
mid_load_thread:
  movs r7, #1
  adds r7, #1
  ldr r5, [r4]
  movs r7, #9
  b spin
@ Stores r5 to [r4], then r5 to [r6]: the second fault must not undo the first.
two_store_thread:
  str r5, [r4]
  adds r7, #1
  str r5, [r6]
  movs r7, #9
  b spin
loop_thread:            @ r0 = iterations; 3 instructions per round
  subs r0, #1
  bne loop_thread
  b spin
.ltorg
