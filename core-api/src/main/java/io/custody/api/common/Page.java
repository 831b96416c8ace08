package io.custody.api.common;

import java.util.List;

/** One page of a listing, with the total so that a client can draw its pager. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
