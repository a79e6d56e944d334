package io.github.vapireceptionist.core;

import java.util.List;

/** Lists the way a receptionist says them: "a, b and c", "a or b". */
public final class SpokenLists {

    private SpokenLists() {
    }

    public static String and(List<String> items) {
        return joined(items, " and ");
    }

    public static String or(List<String> items) {
        return joined(items, " or ");
    }

    private static String joined(List<String> items, String last) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
