package io.custody.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the all-in-one custody backend. */
@SpringBootApplication(scanBasePackages = "io.custody")
public class CustodyApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustodyApplication.class, args);
    }
}
