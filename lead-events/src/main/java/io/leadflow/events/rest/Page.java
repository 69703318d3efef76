package io.leadflow.events.rest;

import java.util.List;

/** A page of a list, as every list endpoint answers: {@code {items, page, size, total}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** The deepest first row a page may start at: far beyond any list people page through, and safe from overflow. */
    public static final int MAX_OFFSET = 10_000_000;

    /** Validates {@code ?page=&size=} (size capped at {@link #MAX_SIZE}) or answers a 400 problem naming the field. */
    public static PageRequest request(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ProblemException.badRequest("Parameter 'page' must be 0 or more.",
                    List.of(new Problem.FieldError("page", "must be 0 or more")));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.badRequest("Parameter 'size' must be between 1 and " + MAX_SIZE + ".",
                    List.of(new Problem.FieldError("size", "must be between 1 and " + MAX_SIZE)));
        }
        if ((long) p * s > MAX_OFFSET) {
            throw ProblemException.badRequest("Parameter 'page': page × size must be at most " + MAX_OFFSET
                    + "; narrow the list with its filters instead.", List.of(new Problem.FieldError("page",
                    "at most " + (MAX_OFFSET / s) + " for size " + s)));
        }
        return new PageRequest(p, s);
    }

    public record PageRequest(int page, int size) {
        public int offset() {
            return page * size;
        }

        public <T> Page<T> of(List<T> items, long total) {
            return new Page<>(items, page, size, total);
        }

        /** This page of a short list read whole (a lead's touches, its changes), in the same shape as any list. */
        public <T> Page<T> slice(List<T> all) {
            int from = (int) Math.min(offset(), all.size());
            int to = Math.min(from + size, all.size());
            return new Page<>(List.copyOf(all.subList(from, to)), page, size, all.size());
        }
    }
}
