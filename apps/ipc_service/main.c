/* ipc_service: an IPC service under its package name "ipc_service". A
 * client shares a buffer and notifies it; the service uppercases the text
 * in the client's buffer in place (the kernel gave it an MPU region over
 * it), appends " [ok]" if it fits, and notifies the client back. */
#include <stdio.h>
#include <string.h>

#include "ipc.h"

static void request(int client, int len, int addr, void *ud)
{
    (void)ud;
    char *buf = (char *)(uintptr_t)addr;
    if (buf == NULL || len <= 0) {
        printf("ipc_service: client %d shared no buffer\n", client);
        ipc_notify_client(client);
        return;
    }
    size_t n = strnlen(buf, (size_t)len - 1);
    printf("ipc_service: client %d: \"%.*s\" (%d-byte buffer)\n", client, (int)n, buf, len);
    for (size_t i = 0; i < n; i++)
        if (buf[i] >= 'a' && buf[i] <= 'z')
            buf[i] = (char)(buf[i] - 'a' + 'A');
    static const char tag[] = " [ok]";
    if (n + sizeof tag <= (size_t)len)
        memcpy(buf + n, tag, sizeof tag);
    int st = ipc_notify_client(client);
    if (st != TOCK_OK)
        printf("ipc_service: notify client %d: %s\n", client, tock_strerror(st));
}

int main(void)
{
    int st = ipc_register_service("ipc_service", request, NULL);
    if (st != TOCK_OK) {
        printf("ipc_service: register failed (%s)\n", tock_strerror(st));
        return 1;
    }
    printf("ipc_service: ready\n");
    for (;;)
        tock_yield_wait();
}
