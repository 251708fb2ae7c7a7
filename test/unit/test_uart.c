/* test_uart.c - CMSDK APB UART model: TX timing and interrupt, RX delivery,
 * INTCLEAR, overruns, ID registers, guest-error logging. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fake_host.h"
#include "peripherals/uart_cmsdk.h"

enum { IRQ_RX = 0, IRQ_TX = 1, IRQ_OVF = 12 };

static fake_host_t fh;
static void *uart;

static int setup(void **state)
{
    fake_init(&fh, 48000000);
    periph_config_t cfg = {.name = "uart0", .base = 0x40004000, .size = 0x1000,
                           .irq = {IRQ_RX, IRQ_TX, IRQ_OVF, -1}};
    uart = uart_cmsdk_create(&fh.host, &cfg);
    return uart ? 0 : -1;
}

static int teardown(void **state)
{
    uart_cmsdk_ops.destroy(uart);
    return 0;
}

static uint32_t rd(uint32_t off) { return uart_cmsdk_ops.read(uart, off, 4); }
static void wr(uint32_t off, uint32_t v) { uart_cmsdk_ops.write(uart, off, 4, v); }

static void test_id_registers(void **state)
{
    static const uint32_t want[12] = {0x04, 0, 0, 0, 0x21, 0xb8, 0x1b, 0,
                                      0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 12; i++)
        assert_int_equal(rd(0xFD0 + 4 * i), want[i]);
}

static void test_tx_done_interrupt_exact_cycle(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 100);               /* 1000 cycles per character */
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN | UART_CMSDK_CTRL_TXINTEN);
    fake_advance(&fh, 10);
    wr(UART_CMSDK_DATA, 'A');
    assert_int_equal(rd(UART_CMSDK_STATE) & UART_CMSDK_STATE_TXFULL, UART_CMSDK_STATE_TXFULL);

    fake_advance(&fh, 1009);
    assert_int_equal(fh.ntx, 0);
    assert_false(fh.irq[IRQ_TX]);
    assert_int_equal(rd(UART_CMSDK_STATE) & UART_CMSDK_STATE_TXFULL, UART_CMSDK_STATE_TXFULL);

    fake_advance(&fh, 1010);
    assert_int_equal(fh.ntx, 1);
    assert_int_equal(fh.tx[0].a, 'A');
    assert_int_equal(fh.tx[0].cycle, 1010);
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), UART_CMSDK_INT_TX);
    assert_true(fh.irq[IRQ_TX]);

    wr(UART_CMSDK_INTSTATUS, UART_CMSDK_INT_TX);   /* write 1 to clear */
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ_TX]);
}

static void test_tx_int_enable_with_empty_buffer_sets_nothing(void **state)
{
    /* QEMU 7.2: the TX interrupt is the full -> empty event only. */
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN | UART_CMSDK_CTRL_TXINTEN);
    fake_advance(&fh, 100000);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ_TX]);
}

static void test_tx_without_int_enable(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN);
    wr(UART_CMSDK_DATA, 'x');
    fake_advance(&fh, 160);
    assert_int_equal(fh.ntx, 1);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ_TX]);
}

static void test_default_divider_when_bauddiv_unset(void **state)
{
    /* 48 MHz / 115200 = 416 -> 4160 cycles per character. */
    assert_int_equal(uart_cmsdk_char_cycles(uart), 4160);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN);
    assert_int_equal(fh.nlog, 1);   /* TX enabled with BAUDDIV < 16 is logged */
    wr(UART_CMSDK_DATA, 'q');
    fake_advance(&fh, 4159);
    assert_int_equal(fh.ntx, 0);
    fake_advance(&fh, 4160);
    assert_int_equal(fh.ntx, 1);
}

static void test_back_to_back_bytes(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 20);   /* 200 cycles */
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN | UART_CMSDK_CTRL_TXINTEN);
    const char *s = "hey";
    for (int i = 0; s[i]; i++) {
        while (rd(UART_CMSDK_STATE) & UART_CMSDK_STATE_TXFULL)
            fake_advance(&fh, fh.now + 1);
        wr(UART_CMSDK_INTSTATUS, UART_CMSDK_INT_TX);
        wr(UART_CMSDK_DATA, (uint8_t)s[i]);
    }
    fake_advance(&fh, 1000);
    assert_int_equal(fh.ntx, 3);
    assert_int_equal(fh.tx[0].cycle, 200);
    assert_int_equal(fh.tx[1].cycle, 400);
    assert_int_equal(fh.tx[2].cycle, 600);
    assert_int_equal(fh.tx[2].a, 'y');
    assert_int_equal(fh.irq_rises[IRQ_TX], 3);
}

static void test_tx_overrun(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN | UART_CMSDK_CTRL_TXOINTEN);
    wr(UART_CMSDK_DATA, '1');
    wr(UART_CMSDK_DATA, '2');
    assert_int_equal(rd(UART_CMSDK_STATE),
                     UART_CMSDK_STATE_TXFULL | UART_CMSDK_STATE_TXOVR);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), UART_CMSDK_INT_TXO);
    assert_true(fh.irq[IRQ_OVF]);
    fake_advance(&fh, 160);
    assert_int_equal(fh.ntx, 1);
    assert_int_equal(fh.tx[0].a, '2');   /* the newest byte wins, as in QEMU */
    wr(UART_CMSDK_INTSTATUS, UART_CMSDK_INT_TXO);   /* also clears STATE.TXOVR */
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
    assert_false(fh.irq[IRQ_OVF]);
}

static void test_tx_waits_while_disabled(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_DATA, 'z');
    fake_advance(&fh, 1000);
    assert_int_equal(fh.ntx, 0);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN);
    fake_advance(&fh, 1159);
    assert_int_equal(fh.ntx, 0);
    fake_advance(&fh, 1160);
    assert_int_equal(fh.ntx, 1);
}

static void test_rx_delivery(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 100);   /* 1000 cycles per character */
    uart_cmsdk_input(uart, (const uint8_t *)"hi", 2);
    fake_advance(&fh, 5000);       /* RX disabled: nothing arrives */
    assert_int_equal(rd(UART_CMSDK_STATE), 0);

    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_RXEN | UART_CMSDK_CTRL_RXINTEN);
    fake_advance(&fh, 5999);
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
    assert_false(fh.irq[IRQ_RX]);
    fake_advance(&fh, 6000);
    assert_int_equal(rd(UART_CMSDK_STATE), UART_CMSDK_STATE_RXFULL);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), UART_CMSDK_INT_RX);
    assert_true(fh.irq[IRQ_RX]);

    /* The receiver holds one byte: nothing more arrives (and no overrun)
     * until the guest reads DATA. */
    fake_advance(&fh, 9000);
    fake_advance(&fh, 9500);
    assert_int_equal(rd(UART_CMSDK_DATA), 'h');
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
    wr(UART_CMSDK_INTSTATUS, UART_CMSDK_INT_RX);
    assert_false(fh.irq[IRQ_RX]);

    fake_advance(&fh, 10499);
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
    fake_advance(&fh, 10500);
    assert_int_equal(rd(UART_CMSDK_STATE), UART_CMSDK_STATE_RXFULL);
    assert_true(fh.irq[IRQ_RX]);
    assert_int_equal(rd(UART_CMSDK_DATA), 'i');
    fake_advance(&fh, 20000);
    assert_int_equal(rd(UART_CMSDK_STATE), 0);
}

static void test_rx_without_interrupt(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_RXEN);
    uart_cmsdk_input(uart, (const uint8_t *)"k", 1);
    fake_advance(&fh, 160);
    assert_int_equal(rd(UART_CMSDK_STATE), UART_CMSDK_STATE_RXFULL);
    assert_int_equal(rd(UART_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ_RX]);
    assert_int_equal(rd(UART_CMSDK_DATA), 'k');
}

static void test_rx_queue_grows(void **state)
{
    uint8_t buf[1000];
    for (int i = 0; i < 1000; i++)
        buf[i] = (uint8_t)i;
    wr(UART_CMSDK_BAUDDIV, 16);
    uart_cmsdk_input(uart, buf, 600);
    uart_cmsdk_input(uart, buf + 600, 400);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_RXEN);
    for (int i = 0; i < 1000; i++) {
        fake_advance(&fh, fh.now + 160);
        assert_int_equal(rd(UART_CMSDK_STATE), UART_CMSDK_STATE_RXFULL);
        assert_int_equal(rd(UART_CMSDK_DATA), (uint8_t)i);
    }
}

static void test_guest_errors_logged(void **state)
{
    assert_int_equal(rd(0x14), 0);
    wr(0x14, 1);
    wr(0xFE0, 1);
    assert_int_equal(fh.nlog, 3);
    assert_non_null(strstr(fh.last_log, "uart0"));
}

static void test_reset_clears_state(void **state)
{
    wr(UART_CMSDK_BAUDDIV, 16);
    wr(UART_CMSDK_CTRL, UART_CMSDK_CTRL_TXEN | UART_CMSDK_CTRL_TXINTEN);
    wr(UART_CMSDK_DATA, 'r');
    uart_cmsdk_ops.reset(uart);
    fake_advance(&fh, 1000);
    assert_int_equal(fh.ntx, 0);
    assert_int_equal(rd(UART_CMSDK_CTRL), 0);
    assert_int_equal(rd(UART_CMSDK_BAUDDIV), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_id_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_done_interrupt_exact_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_int_enable_with_empty_buffer_sets_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_without_int_enable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_divider_when_bauddiv_unset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_to_back_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_overrun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_waits_while_disabled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_delivery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_without_interrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_queue_grows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guest_errors_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_clears_state, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
