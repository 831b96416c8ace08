package io.custody.infra.security.ratelimit;

import io.custody.infra.security.ApiAccessRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which limits a request falls under. The ways in ({@code SESSION}: every route {@link ApiAccessRules} declares open,
 * such as enrolment, refresh and the assertion exchange, and the configured session and ceremony paths) get the
 * stricter limits; other changes under {@code /api/} ({@code COMMAND}: POST, PUT, PATCH, DELETE) the command limits;
 * reads are not limited here.
 */
public enum RouteClass {
    SESSION, COMMAND, UNLIMITED;

    /** Classifies requests: open routes from the access rules plus {@code sessionPatterns} are {@link #SESSION}. */
    public static final class Classifier {

        private record Route(HttpMethod method, PathPattern pattern) {
        }

        private final List<Route> openRoutes;
        private final List<PathPattern> sessionPatterns;

        public Classifier(List<String> sessionPatterns) {
            PathPatternParser parser = new PathPatternParser();
            this.openRoutes = ApiAccessRules.RULES.stream().filter(ApiAccessRules.Rule::open)
                    .map(rule -> new Route(rule.method(), parser.parse(rule.pattern()))).toList();
            this.sessionPatterns = sessionPatterns.stream().map(String::strip).filter(p -> !p.isEmpty())
                    .map(parser::parse).toList();
        }

        public RouteClass classify(HttpMethod method, String path) {
            if (!path.startsWith("/api/")) return UNLIMITED;
            PathContainer container = PathContainer.parsePath(path);
            boolean session = openRoutes.stream().anyMatch(r -> r.method().equals(method)
                    && r.pattern().matches(container))
                    || sessionPatterns.stream().anyMatch(p -> p.matches(container));
            if (session) return SESSION;
            if (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
                    || HttpMethod.DELETE.equals(method)) {
                return COMMAND;
            }
            return UNLIMITED;
        }
    }
}
