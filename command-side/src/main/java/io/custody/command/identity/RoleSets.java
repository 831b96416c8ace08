package io.custody.command.identity;

import io.custody.api.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rule on a set of roles given to a member, invitation or service account: at least one, none null. */
final class RoleSets {

    private RoleSets() {
    }

    static Map<String, List<String>> violations(Set<Role> roles) {
        // stream, not contains(null): immutable sets throw on a null query
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            return Map.of("roles", List.of("must name at least one of " + List.of(Role.values())));
        }
        return Map.of();
    }
}
