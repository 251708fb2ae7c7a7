/*
 * procmgmt.c - process management and memory introspection for the
 * process console (capsule.h: ctock_proc_stop/start/terminate/boot/fault,
 * ctock_proc_mem, ctock_kernel_mem). Only the process_console capsule may
 * call these (capsules/allowlist.txt). They run from the kernel loop (a
 * UART bottom half), never while a process is on the CPU.
 */
#include "ctock/capsule.h"
#include "process.h"

extern uint32_t _sstack, _estack, _sdata, _edata, _sbss, _ebss;
extern uint32_t _sappmem, _eappmem, _sapps, _eapps;

static process_t *slot(unsigned index)
{
    if (index >= CTOCK_MAX_PROCS || process_table[index].state == PROC_UNUSED)
        return NULL;
    return &process_table[index];
}

ctock_err_t ctock_proc_stop(unsigned index)
{
    process_t *p = slot(index);
    if (p == NULL)
        return ERR_INVAL;
    if (!process_is_alive(p))
        return ERR_OFF;
    if (p->stopped)
        return ERR_ALREADY;
    p->stopped = true;
    return CTOCK_OK;
}

ctock_err_t ctock_proc_start(unsigned index)
{
    process_t *p = slot(index);
    if (p == NULL)
        return ERR_INVAL;
    if (!process_is_alive(p))
        return ERR_OFF;
    if (!p->stopped)
        return ERR_ALREADY;
    p->stopped = false;
    return CTOCK_OK;
}

ctock_err_t ctock_proc_terminate(unsigned index)
{
    process_t *p = slot(index);
    if (p == NULL)
        return ERR_INVAL;
    if (!process_is_alive(p))
        return ERR_ALREADY;
    p->stopped = false;
    process_terminate(p, 0);
    return CTOCK_OK;
}

ctock_err_t ctock_proc_boot(unsigned index)
{
    process_t *p = slot(index);
    if (p == NULL)
        return ERR_INVAL;
    if (process_is_alive(p))
        return ERR_ALREADY;
    process_start(p);
    return CTOCK_OK;
}

ctock_err_t ctock_proc_fault(unsigned index)
{
    process_t *p = slot(index);
    if (p == NULL)
        return ERR_INVAL;
    if (!process_is_alive(p))
        return ERR_OFF;
    p->stopped = false;
    process_fault_detected(p, "forced by the process console");
    return CTOCK_OK;
}

bool ctock_proc_mem(unsigned index, ctock_proc_mem_t *out)
{
    const process_t *p = slot(index);
    if (p == NULL)
        return false;
    uint32_t end = p->mem_start + p->mem_len;
    out->flash_start = p->flash_start;
    out->flash_end = p->flash_end;
    out->mem_start = p->mem_start;
    out->mem_end = end;
    out->app_brk = p->app_brk;
    out->kernel_brk = p->kernel_brk;
    out->grant_table_bytes = p->grants ? end - (uint32_t)(uintptr_t)p->grants : 0;
    out->grant_bytes = 0;
    out->grants = grant_process_usage(p, &out->grant_bytes);
    return true;
}

void ctock_kernel_mem(ctock_kernel_mem_t *out)
{
    out->stack_start = (uint32_t)(uintptr_t)&_sstack;
    out->stack_end = (uint32_t)(uintptr_t)&_estack;
    out->data_start = (uint32_t)(uintptr_t)&_sdata;
    out->data_end = (uint32_t)(uintptr_t)&_edata;
    out->bss_start = (uint32_t)(uintptr_t)&_sbss;
    out->bss_end = (uint32_t)(uintptr_t)&_ebss;
    out->appmem_start = (uint32_t)(uintptr_t)&_sappmem;
    out->appmem_end = (uint32_t)(uintptr_t)&_eappmem;
    out->apps_start = (uint32_t)(uintptr_t)&_sapps;
    out->apps_end = (uint32_t)(uintptr_t)&_eapps;
    out->ram_start = out->stack_start;
    out->ram_end = out->appmem_end;
}
