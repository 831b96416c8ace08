package io.custody.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatEnvironmentTest {

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormatEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void log_format_json_switches_the_console_to_structured_ecs_logs() {
        assertThat(environmentWith(Map.of("LOG_FORMAT", "json")).getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
    }

    @Test
    void any_other_log_format_keeps_plain_text_logs() {
        assertThat(environmentWith(Map.of("LOG_FORMAT", "text")).getProperty("logging.structured.format.console"))
                .isNull();
        assertThat(environmentWith(Map.of()).getProperty("logging.structured.format.console")).isNull();
    }
}
