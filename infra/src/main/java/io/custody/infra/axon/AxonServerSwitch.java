package io.custody.infra.axon;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Axon Server is used exactly when servers are configured ({@code AXON_SERVER_SERVERS} or
 * {@code axon.axonserver.servers}); otherwise the connector stays off and events go to the JDBC event store, so the
 * all-in-one default never tries to reach a server that is not there. Axon's update checker and console banner are
 * switched off as well: a custody backend does not report home, and most deployments have no route out anyway.
 */
public class AxonServerSwitch implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon reads these as JVM system properties, not from Spring's environment.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        String servers = environment.getProperty("axon.axonserver.servers");
        if (servers != null && !servers.isBlank()) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource("custodyAxonServer", Map.of("axon.axonserver.enabled", "true")));
        }
    }
}
