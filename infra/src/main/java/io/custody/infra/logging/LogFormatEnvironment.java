package io.custody.infra.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches console logs to structured JSON (Elastic Common Schema), with the request's trace
 * id as a field, for log shippers. Runs before the logging system is initialised.
 */
public class LogFormatEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", environment.getProperty("custody.log-format", "text"));
        if ("json".equalsIgnoreCase(format)) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource("custodyLogFormat", Map.of("logging.structured.format.console", "ecs")));
        }
    }
}
