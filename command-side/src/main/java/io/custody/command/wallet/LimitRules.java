package io.custody.command.wallet;

import io.custody.api.money.Amount;
import io.custody.api.wallet.TokenLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits must be above zero (a zero limit would make every withdrawal need an extra approval, which is a threshold
 * change in disguise) and ordered single <= daily <= weekly where set, since a larger inner limit could never apply.
 */
public final class LimitRules {

    private LimitRules() {
    }

    public static Map<String, List<String>> violations(TokenLimits limits) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        positive(errors, "single", limits.single());
        positive(errors, "daily", limits.daily());
        positive(errors, "weekly", limits.weekly());
        ordered(errors, "daily", limits.single(), limits.daily(), "single");
        ordered(errors, "weekly", limits.daily(), limits.weekly(), "daily");
        ordered(errors, "weekly", limits.single(), limits.weekly(), "single");
        return errors;
    }

    private static void positive(Map<String, List<String>> errors, String field, Amount value) {
        if (value != null && value.isZero()) {
            errors.computeIfAbsent(field, f -> new ArrayList<>()).add("must be above zero, or absent for no limit");
        }
    }

    private static void ordered(Map<String, List<String>> errors, String field, Amount inner, Amount outer,
                                String innerName) {
        if (inner != null && outer != null && outer.compareTo(inner) < 0) {
            List<String> list = errors.computeIfAbsent(field, f -> new ArrayList<>());
            String message = "must not be below the " + innerName + " limit";
            if (!list.contains(message)) list.add(message);
        }
    }
}
