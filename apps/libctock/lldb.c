/* lldb.c: low-level debug driver wrappers. */
#include "lldb.h"

#include "tock.h"

int lldb_alert(uint32_t code)
{
    return tock_status(tock_command(LLDB_DRIVER, 1, code, 0));
}

int lldb_print1(uint32_t a)
{
    return tock_status(tock_command(LLDB_DRIVER, 2, a, 0));
}

int lldb_print2(uint32_t a, uint32_t b)
{
    return tock_status(tock_command(LLDB_DRIVER, 3, a, b));
}
