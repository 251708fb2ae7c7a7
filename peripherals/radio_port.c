/*
 * radio_port.c - names of radio results and states (radio_port.h), as
 * logs, traces and statistics print them.
 */
#include "radio_port.h"

const char *radio_result_name(radio_result_t r)
{
    switch (r) {
    case RADIO_RX_OK:              return "ok";
    case RADIO_DROP_NOT_LISTENING: return "not-listening";
    case RADIO_DROP_WRONG_CHANNEL: return "wrong-channel";
    case RADIO_DROP_COLLISION:     return "collision";
    case RADIO_DROP_BAD_FCS:       return "bad-fcs";
    case RADIO_DROP_FILTERED:      return "filtered";
    case RADIO_DROP_OVERRUN:       return "overrun";
    case RADIO_DROP_LOSS:          return "loss";
    case RADIO_DROP_OUT_OF_RANGE:  return "out-of-range";
    case RADIO_DROP_DMA_ERROR:     return "dma-error";
    case RADIO_RESULT_COUNT:       break;
    }
    return "?";
}

const char *radio_state_name(radio_state_t s)
{
    switch (s) {
    case RADIO_STATE_SLEEP:      return "sleep";
    case RADIO_STATE_IDLE:       return "idle";
    case RADIO_STATE_RX:         return "rx";
    case RADIO_STATE_TX:         return "tx";
    case RADIO_STATE_WAKING:     return "waking";
    case RADIO_STATE_CCA:        return "cca";
    case RADIO_STATE_TURNAROUND: return "turnaround";
    case RADIO_STATE_ACK:        return "ack";
    case RADIO_STATE_COUNT:      break;
    }
    return "?";
}
