/* ipc_client: finds "ipc_service" by name, shares a 64-byte buffer with it
 * (aligned to its size, so one MPU region covers it), notifies it and
 * prints the reply the service wrote into the buffer. Also checks the
 * errors: a missing name (ENODEVICE) and bad ids (EINVAL). */
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "ipc.h"

#define SHARED 64

static volatile bool replied;
static int reply_from, reply_len;

static void reply(int svc, int len, int addr, void *ud)
{
    (void)addr;
    (void)ud;
    reply_from = svc;
    reply_len = len;
    replied = true;
}

int main(void)
{
    printf("ipc_client: discover missing: %s\n", tock_strerror(ipc_discover("no_such_service")));
    printf("ipc_client: notify service 9: %s\n", tock_strerror(ipc_notify_service(9)));
    printf("ipc_client: notify client 9: %s\n", tock_strerror(ipc_notify_client(9)));
    printf("ipc_client: notify service -1: %s\n", tock_strerror(ipc_notify_service(-1)));

    int svc = ipc_discover("ipc_service");
    if (svc < 0) {
        printf("ipc_client: discover ipc_service failed (%s)\n", tock_strerror(svc));
        return 1;
    }
    printf("ipc_client: ipc_service is %d\n", svc);
    char *buf = ipc_alloc_shared(SHARED);
    if (buf == NULL) {
        printf("ipc_client: no memory for the shared buffer\n");
        return 1;
    }
    memset(buf, 0, SHARED);
    strcpy(buf, "hello from ipc_client");
    int st = ipc_share(svc, buf, SHARED);
    if (st == TOCK_OK)
        st = ipc_register_client(svc, reply, NULL);
    if (st != TOCK_OK) {
        printf("ipc_client: share/subscribe failed (%s)\n", tock_strerror(st));
        return 1;
    }
    /* The service may not have registered yet (it may run after us):
     * notify again every 20 ms until it replies. */
    for (int tries = 0; !replied && tries < 50; tries++) {
        st = ipc_notify_service(svc);
        if (st != TOCK_OK) {
            printf("ipc_client: notify failed (%s)\n", tock_strerror(st));
            return 1;
        }
        for (int w = 0; w < 20 && !replied; w++)
            alarm_delay_ms(1);
    }
    if (!replied) {
        printf("ipc_client: no reply\n");
        return 1;
    }
    printf("ipc_client: reply from %d (len %d): %s\n", reply_from, reply_len, buf);
    ipc_share(svc, NULL, 0);
    return 0;
}
