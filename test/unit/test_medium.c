/* test_medium.c - the radio medium models: unit disk ranges and RSSI,
 * constant loss (the loss band for a seed, same seed same draws), the
 * link table and its default, routing order and what the sink is told,
 * configuration errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "sim/medium.h"

static char err[256];

/* A sink that records what routing told it. */
#define MAXREC 64
typedef struct rec {
    char kind;          /* 'd' decodable, 'e' energy, 'l' loss, 'o' out of range */
    int dst;
    int8_t rssi;
} rec_t;
typedef struct sink_log {
    rec_t r[MAXREC];
    int n;
    bool absent[8];
} sink_log_t;

static bool present(void *ctx, int dst) { return !((sink_log_t *)ctx)->absent[dst]; }

static void deliver(void *ctx, int dst, const radio_frame_t *f, int8_t rssi, bool decodable)
{
    sink_log_t *l = ctx;
    l->r[l->n++] = (rec_t){decodable ? 'd' : 'e', dst, rssi};
}

static void dropped(void *ctx, int dst, const radio_frame_t *f, radio_result_t why, int8_t rssi)
{
    sink_log_t *l = ctx;
    l->r[l->n++] = (rec_t){why == RADIO_DROP_LOSS ? 'l' : 'o', dst, rssi};
}

static medium_sink_t sink_of(sink_log_t *l)
{
    return (medium_sink_t){.ctx = l, .present = present, .deliver = deliver, .dropped = dropped};
}

static const double line_pos[4][3] = {{0, 0, 0}, {10, 0, 0}, {45, 0, 0}, {100, 0, 0}};

static medium_t *disk(void)
{
    medium_config_t c = {.model = MEDIUM_UNIT_DISK, .tx_range = 30, .interference_range = 60};
    medium_t *m = medium_create(&c, 4, line_pos, 1, err, sizeof err);
    assert_non_null(m);
    return m;
}

static void test_unit_disk_ranges(void **state)
{
    medium_t *m = disk();
    medium_link_t l;
    medium_link(m, 0, 1, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_DECODE);
    assert_int_equal(l.rssi, -70);                 /* -40 - 30 log10(10) */
    medium_link(m, 0, 2, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_ENERGY);   /* 45 m: within 60 */
    medium_link(m, 0, 3, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_NONE);
    medium_link(m, 2, 1, 0, &l);                   /* 35 m */
    assert_int_equal(l.reach, MEDIUM_REACH_ENERGY);
    medium_link(m, 1, 0, 5, &l);                   /* tx power adds */
    assert_int_equal(l.rssi, -65);
    medium_destroy(m);

    /* Exactly at the range is in range; RSSI never above tx power - 40. */
    const double close[3][3] = {{0, 0, 0}, {30, 0, 0}, {0.5, 0, 0}};
    medium_config_t c = {.model = MEDIUM_UNIT_DISK, .tx_range = 30, .interference_range = 30};
    m = medium_create(&c, 3, close, 1, err, sizeof err);
    medium_link(m, 0, 1, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_DECODE);
    medium_link(m, 0, 2, 0, &l);
    assert_int_equal(l.rssi, -40);
    medium_destroy(m);
}

static void test_unit_disk_rssi_falls_with_distance(void **state)
{
    double pos[20][3];
    for (int i = 0; i < 20; i++) {
        pos[i][0] = i * 3.0;
        pos[i][1] = pos[i][2] = 0;
    }
    medium_config_t c = {.model = MEDIUM_UNIT_DISK, .tx_range = 100, .interference_range = 100};
    medium_t *m = medium_create(&c, 20, (const double (*)[3])pos, 1, err, sizeof err);
    medium_link_t prev, l;
    medium_link(m, 0, 1, 0, &prev);
    for (int i = 2; i < 20; i++) {
        medium_link(m, 0, i, 0, &l);
        assert_true(l.rssi <= prev.rssi);
        prev = l;
    }
    assert_true(prev.rssi < -80);
    medium_destroy(m);
}

static void test_route_order_and_reach(void **state)
{
    medium_t *m = disk();
    sink_log_t log = {0};
    medium_sink_t s = sink_of(&log);
    radio_frame_t f = {.src_node = 1, .len = 5};
    medium_route(m, &f, &s);
    assert_int_equal(log.n, 3);
    assert_int_equal(log.r[0].dst, 0);
    assert_int_equal(log.r[0].kind, 'd');
    assert_int_equal(log.r[1].dst, 2);
    assert_int_equal(log.r[1].kind, 'e');
    assert_int_equal(log.r[2].dst, 3);
    assert_int_equal(log.r[2].kind, 'o');
    /* A node that left the medium is not told. */
    memset(&log, 0, sizeof log);
    log.absent[0] = true;
    medium_route(m, &f, &s);
    assert_int_equal(log.n, 2);
    assert_int_equal(log.r[0].dst, 2);
    medium_destroy(m);
}

static int lost_count(uint64_t seed, double loss, int frames, char *pattern)
{
    medium_config_t c = {.model = MEDIUM_CONSTANT_LOSS, .loss = loss, .rssi = -55};
    medium_t *m = medium_create(&c, 2, NULL, seed, err, sizeof err);
    assert_non_null(m);
    int lost = 0;
    for (int i = 0; i < frames; i++) {
        sink_log_t log = {0};
        medium_sink_t s = sink_of(&log);
        radio_frame_t f = {.src_node = 0, .len = 10};
        medium_route(m, &f, &s);
        /* Always told (energy when lost), then the loss. */
        assert_int_equal(log.r[0].dst, 1);
        assert_int_equal(log.r[0].rssi, -55);
        bool l = log.n == 2 && log.r[0].kind == 'e' && log.r[1].kind == 'l';
        assert_true(l || (log.n == 1 && log.r[0].kind == 'd'));
        lost += l;
        if (pattern)
            pattern[i] = l ? 'x' : '.';
    }
    medium_destroy(m);
    return lost;
}

static void test_constant_loss_band(void **state)
{
    static char p1[10000], p2[10000], p3[10000];
    int lost = lost_count(42, 0.2, 10000, p1);
    /* Binomial(10000, 0.2): sd 40; +-5 sd. */
    assert_in_range(lost, 1800, 2200);
    assert_int_equal(lost_count(42, 0.2, 10000, p2), lost);
    assert_memory_equal(p1, p2, sizeof p1);
    lost_count(43, 0.2, 10000, p3);
    assert_true(memcmp(p1, p3, sizeof p1) != 0);
    assert_int_equal(lost_count(7, 0.0, 1000, NULL), 0);
    assert_int_equal(lost_count(7, 1.0, 1000, NULL), 1000);
}

static void test_table(void **state)
{
    const medium_table_link_t links[] = {
        {.from = 0, .to = 1, .loss = 0.0, .rssi = -50},
        {.from = 1, .to = 2, .loss = 1.0, .rssi = -90},
    };
    medium_config_t c = {.model = MEDIUM_TABLE, .links = links, .nlinks = 2};
    medium_t *m = medium_create(&c, 3, NULL, 1, err, sizeof err);
    assert_non_null(m);
    medium_link_t l;
    medium_link(m, 0, 1, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_DECODE);
    assert_int_equal(l.rssi, -50);
    medium_link(m, 1, 0, 0, &l);                  /* links are directed */
    assert_int_equal(l.reach, MEDIUM_REACH_NONE);
    medium_link(m, 1, 2, 0, &l);
    assert_true(l.loss == 1.0);
    sink_log_t log = {0};
    medium_sink_t s = sink_of(&log);
    radio_frame_t f = {.src_node = 1};
    medium_route(m, &f, &s);                      /* 0: out of range; 2: lost */
    assert_int_equal(log.n, 3);
    assert_int_equal(log.r[0].kind, 'o');
    assert_int_equal(log.r[1].kind, 'e');
    assert_int_equal(log.r[1].rssi, -90);
    assert_int_equal(log.r[2].kind, 'l');
    medium_destroy(m);

    c.table_default_energy = true;
    m = medium_create(&c, 3, NULL, 1, err, sizeof err);
    medium_link(m, 1, 0, 0, &l);
    assert_int_equal(l.reach, MEDIUM_REACH_ENERGY);
    medium_destroy(m);
}

static void test_bad_configs(void **state)
{
    medium_config_t c = {.model = MEDIUM_UNIT_DISK, .tx_range = 30, .interference_range = 20};
    assert_null(medium_create(&c, 4, line_pos, 1, err, sizeof err));
    assert_non_null(strstr(err, "interference_range"));
    c.tx_range = 0;
    assert_null(medium_create(&c, 4, line_pos, 1, err, sizeof err));
    c = (medium_config_t){.model = MEDIUM_CONSTANT_LOSS, .loss = 1.5};
    assert_null(medium_create(&c, 2, NULL, 1, err, sizeof err));
    const medium_table_link_t dup[] = {{.from = 0, .to = 1}, {.from = 0, .to = 1}};
    c = (medium_config_t){.model = MEDIUM_TABLE, .links = dup, .nlinks = 2};
    assert_null(medium_create(&c, 2, NULL, 1, err, sizeof err));
    const medium_table_link_t far[] = {{.from = 0, .to = 5}};
    c.links = far;
    c.nlinks = 1;
    assert_null(medium_create(&c, 2, NULL, 1, err, sizeof err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_disk_ranges),
        cmocka_unit_test(test_unit_disk_rssi_falls_with_distance),
        cmocka_unit_test(test_route_order_and_reach),
        cmocka_unit_test(test_constant_loss_band),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_bad_configs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
