/*
 * font5x7.h - a tiny built-in bitmap font for the panel (no SDL_ttf):
 * upper-case letters, digits and a little punctuation; lower case is drawn
 * as upper case, anything else as a blank.
 */
#ifndef SIM_FONT5X7_H
#define SIM_FONT5X7_H

#include <stdint.h>

#define FONT_W 5
#define FONT_H 7

/* Row bits of a glyph: rows[r] bit (4 - c) is pixel (c, r). */
void font_glyph(char ch, uint8_t rows[FONT_H]);

#endif
