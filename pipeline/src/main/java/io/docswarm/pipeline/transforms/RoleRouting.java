package io.docswarm.pipeline.transforms;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which drafter serves each role: a default, and routes such as {@code writer=engine,analyst=grounded}, the way
 * production teams send planning and review to their strongest model and drafting to a cheaper one.
 *
 * @param defaultDrafter the drafter of every role without a route
 * @param routes         role → drafter
 */
public record RoleRouting(String defaultDrafter, Map<String, String> routes) implements Serializable {

    private static final java.util.Set<String> ROLES = java.util.Set.of("writer", "analyst", "designer");

    public RoleRouting {
        routes = Map.copyOf(new TreeMap<>(routes));
    }

    /** Parses {@code role=drafter} pairs separated by commas; unknown roles and drafters are errors. */
    public static RoleRouting parse(String defaultDrafter, String text) {
        Map<String, String> routes = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length != 2 || !ROLES.contains(parts[0].strip())
                        || !Drafters.NAMES.contains(parts[1].strip())) {
                    throw new IllegalArgumentException("a route is ROLE=DRAFTER with ROLE one of " + ROLES
                            + " and DRAFTER one of " + Drafters.NAMES + ", was '" + pair.strip() + "'");
                }
                routes.put(parts[0].strip(), parts[1].strip());
            }
        }
        return new RoleRouting(defaultDrafter, routes);
    }

    public String drafterFor(String role) {
        return routes.getOrDefault(role, defaultDrafter);
    }

    /** What manifests record: the default drafter, then any routes; a change of either redoes the job. */
    public String identity() {
        if (routes.isEmpty()) {
            return defaultDrafter;
        }
        StringBuilder identity = new StringBuilder(defaultDrafter);
        new TreeMap<>(routes).forEach((role, drafter) -> identity.append(' ').append(role).append('=').append(drafter));
        return identity.toString();
    }

    /** Every drafter this routing uses. */
    public java.util.Set<String> drafters() {
        java.util.Set<String> all = new java.util.TreeSet<>(routes.values());
        all.add(defaultDrafter);
        return all;
    }
}
