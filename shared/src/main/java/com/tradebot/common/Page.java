package com.tradebot.common;

import java.util.List;

/** One page of a list (ARCHITECTURE §4: {@code {"items":[...],"nextCursor":"..."}}; no cursor on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
