/* sysinfo: the low-level debug and process info drivers at work. Prints
 * through low-level debug (one number, two numbers, an alert code) 100 ms
 * after it starts (so the apps next to it have run), then
 * lists every process with its id, name, state and statistics, one line
 * each, then exits.
 */
#include <stdio.h>

#include "alarm.h"
#include "lldb.h"
#include "process_info.h"
#include "tock.h"

#define MAX_PROCS 8

int main(void)
{
    alarm_delay_ms(100);   /* the apps next to it have started (or ended) */
    lldb_print1(0x2a);
    lldb_print2(0x1, 0xbeef);
    lldb_alert(0x3);

    uint32_t ids[MAX_PROCS];
    int n = process_info_ids(ids, MAX_PROCS);
    if (n < 0) {
        printf("sysinfo: process info failed (%s)\n", tock_strerror(n));
        return 1;
    }
    printf("sysinfo: %d processes\n", n);
    for (int i = 0; i < n && i < MAX_PROCS; i++) {
        char name[32];
        process_info_stats_t s;
        if (process_info_name(ids[i], name, sizeof name) < 0 ||
            process_info_stats(ids[i], &s) != TOCK_OK) {
            printf("sysinfo: process 0x%x vanished\n", (unsigned)ids[i]);
            continue;
        }
        /* Two short lines: each fits printf's buffer, so each is one
         * console write that other processes' output cannot split. */
        printf("sysinfo: process 0x%x '%s' %s\n", (unsigned)ids[i], name,
               process_info_state_name(s.state));
        printf("sysinfo:   %u syscalls, %u restarts, %u timeslice expirations\n",
               (unsigned)s.syscalls, (unsigned)s.restarts, (unsigned)s.timeslice_expirations);
    }
    return 0;
}
