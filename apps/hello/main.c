/* hello: prints two lines and exits with 0 (crt0 turns main's return into
 * exit-terminate). The smallest end-to-end check of crt0, PIC relocation,
 * printf and the console driver. */
#include <stdio.h>

int main(void)
{
    printf("hello: Hello, World!\n");
    printf("hello: done\n");
    return 0;
}
