package com.tradebot.review;

/** The body of {@code POST /api/strategies/{id}/reviews}. */
public record ReviewDraft(Integer rating, String text) {
}
