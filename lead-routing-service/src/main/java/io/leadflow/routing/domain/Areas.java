package io.leadflow.routing.domain;

import java.util.Collection;
import java.util.Locale;

/** Industry and region words compared as people write them: 上海 and 上海市, software and SOFTWARE are the same. */
public final class Areas {

    private Areas() {
    }

    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return normalise(a).equals(normalise(b));
    }

    public static boolean containsSame(Collection<String> values, String value) {
        return value != null && values != null && values.stream().anyMatch(v -> same(v, value));
    }

    static String normalise(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.length() > 1 && (t.endsWith("市") || t.endsWith("省"))) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
