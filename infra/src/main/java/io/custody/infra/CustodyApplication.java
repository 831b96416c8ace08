package io.custody.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the all-in-one custody backend. Boot's default user with a generated password is excluded: callers
 * authenticate with bearer tokens only (ADR identity-001).
 */
@SpringBootApplication(scanBasePackages = "io.custody",
        exclude = org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration.class)
public class CustodyApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustodyApplication.class, args);
    }
}
