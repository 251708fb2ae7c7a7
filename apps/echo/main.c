/*
 * echo: reads the console (UART0 RX, fed by ctock-sim from stdin or
 * --input) a line at a time and prints each line back as "echo: <line>".
 * Exits with 0 after a line that reads "quit".
 */
#include <stdio.h>
#include <string.h>

#include "console.h"

int main(void)
{
    char line[80];
    size_t len = 0;
    printf("echo: ready\n");
    for (;;) {
        char c;
        int n = console_read(&c, 1);
        if (n < 0) {
            printf("echo: read error %d\n", n);
            return 1;
        }
        if (n == 0 || c == '\r') {
            continue;
        }
        if (c != '\n' && len < sizeof(line) - 1) {
            line[len++] = c;
            continue;
        }
        line[len] = '\0';
        len = 0;
        printf("echo: %s\n", line);
        if (strcmp(line, "quit") == 0) {
            return 0;
        }
    }
}
